module.exports = globalThis.__rosnetVscode;
