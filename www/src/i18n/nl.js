export default { 'lang.name': 'nl' };
