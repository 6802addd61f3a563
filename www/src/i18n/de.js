export default { 'lang.name': 'de' };
