export default { 'lang.name': 'lv' };
