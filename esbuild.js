// One bundle per entry point: the extension (vscode external) and the CLI (plain node).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the format of the $esbuild-watch problem matcher so F5 shows them. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    if (!watch) return;
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const entries = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The lint engine and its parsers, required by the extension on the first lint (keeps activation light).
  { entryPoints: ['src/lint/lintBundle.ts'], outfile: 'dist/lint.js', mainFields: ['module', 'main'] },
  // The network doctor core (with its own copy of the lint rules), required on the first "Run Network Doctor".
  { entryPoints: ['src/core/doctor/index.ts'], outfile: 'dist/doctor.js', mainFields: ['module', 'main'] },
  // jsonc-parser's "main" is a UMD build whose inner require()s esbuild cannot follow; take its ESM build.
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', mainFields: ['module', 'main'], banner: { js: '#!/usr/bin/env node' }, define: { 'process.env.ROSNET_VERSION': JSON.stringify(require('./package.json').version) } },
];

async function main() {
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
