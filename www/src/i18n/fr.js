export default { 'lang.name': 'fr' };
