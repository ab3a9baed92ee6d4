export default { paths() { return [] } }
