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

/**
 * rosnet's subcommands are bundles of their own (dist/cli-<name>.js) that dist/cli.js requires when
 * one runs: `rosnet doctor` then never compiles the lint engine's parsers. Every `import('./<name>')`
 * in src/cli/commands/index.ts becomes such a require (a plain require(), not the ESM loader).
 */
const CLI_COMMANDS = require('node:fs')
  .readdirSync('src/cli/commands')
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.slice(0, -3));
const cliDefine = { 'process.env.ROSNET_VERSION': JSON.stringify(require('./package.json').version) };
const cliCommandChunks = {
  name: 'cli-command-chunks',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !/[\\/]src[\\/]cli[\\/]commands[\\/]index\.ts$/.test(args.importer)) return undefined;
      const name = args.path.slice(2);
      if (!CLI_COMMANDS.includes(name)) return { errors: [{ text: `no src/cli/commands/${name}.ts for the CLI chunk` }] };
      return { path: `./cli-${name}.js`, external: true };
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
  // mainFields: jsonc-parser's "main" is a UMD build whose inner require()s esbuild cannot follow; take its ESM build.
  { entryPoints: ['src/bundles/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], mainFields: ['module', 'main'] },
  // The lint engine and its parsers, required by the extension on the first lint (keeps activation light).
  { entryPoints: ['src/bundles/lint.ts'], outfile: 'dist/lint.js', mainFields: ['module', 'main'] },
  // The network doctor core (with its own copy of the lint rules, not their parsers), required on the first "Run Network Doctor".
  { entryPoints: ['src/bundles/doctor.ts'], outfile: 'dist/doctor.js', mainFields: ['module', 'main'] },
  // The thread that decodes large XML-RPC replies (src/core/probe/replyDecoder.ts), next to every bundle that probes.
  { entryPoints: ['src/core/probe/xmlrpcWorker.ts'], outfile: 'dist/xmlrpcWorker.js' },
  // jsonc-parser's "main" is a UMD build whose inner require()s esbuild cannot follow; take its ESM build.
  {
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    mainFields: ['module', 'main'],
    // `node --`: Node 20 opens any `--env-file X` in the script's own arguments (nodejs/node#54232),
    // so `rosnet doctor --env-file FIFO` hung inside Node before our code ran; `--` stops that.
    banner: { js: '#!/usr/bin/env -S node --' },
    define: cliDefine,
    plugins: [problemMatcher, cliCommandChunks],
    supported: { 'dynamic-import': false },
  },
  ...CLI_COMMANDS.map((name) => ({
    entryPoints: [`src/cli/commands/${name}.ts`],
    outfile: `dist/cli-${name}.js`,
    mainFields: ['module', 'main'],
    define: cliDefine,
  })),
];

/**
 * WebAssembly the bundles read at run time from their own folder (src/core/lint/sources/shellParser.ts):
 * the tree-sitter runtime and the bash grammar. dist/** is in .vscodeignore's allow-list.
 */
const WASM = [require.resolve('web-tree-sitter/tree-sitter.wasm'), require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')];

function copyWasm() {
  const fs = require('node:fs');
  const path = require('node:path');
  fs.mkdirSync('dist', { recursive: true });
  for (const f of WASM) fs.copyFileSync(f, path.join('dist', path.basename(f)));
}

async function main() {
  copyWasm();
  const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
  } else {
    await Promise.all(contexts.map((c) => c.rebuild()));
    await Promise.all(contexts.map((c) => c.dispose()));
  }
}

// test/unit/bundles.test.ts builds the same entries and loads them.
module.exports = { common, entries };

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
