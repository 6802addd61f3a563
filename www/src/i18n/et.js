export default { 'lang.name': 'et' };
