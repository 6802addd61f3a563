export default { 'lang.name': 'lt' };
