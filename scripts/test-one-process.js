// Runs test files in this one process, each as a suite named after its path: tsx (loaded once with
// --import) and the modules the files share are compiled once, not once per file as `node --test`
// does with a process per file (on Node 20 it has no option to share one). Exit code 1 on failure.
const path = require('node:path');
const { describe } = require('node:test');

const root = path.resolve(__dirname, '..');
for (const file of process.argv.slice(2)) {
  const abs = path.resolve(file);
  describe(path.relative(root, abs), () => {
    require(abs);
  });
}
