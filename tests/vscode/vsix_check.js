// vsix_check.js TOOLS_DIR VSIX SOURCE_DIR: what `vsce package` made of
// editor/vscode: the files the extension needs and nothing else, a manifest
// that names them, and the identity VS Code installs it under.
// Last line: "N passed, N failed".
'use strict';

const fs = require('fs');
const path = require('path');

const [tools, vsix, source] = process.argv.slice(2);
const vsceDir = path.dirname(require.resolve('@vscode/vsce/package.json', { paths: [path.join(tools, 'node_modules')] }));
// yauzl: the zip reader vsce itself uses, so no unzip program is needed
const yauzl = require(require.resolve('yauzl', { paths: [vsceDir] }));

let passed = 0;
let failed = 0;
function report(ok, name, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}${ok || !detail ? '' : '\n      ' + detail}`);
}

function readZip(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map();
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const REQUIRED = [
  'extension.vsixmanifest',
  '[Content_Types].xml',
  'extension/package.json',
  'extension/extension.js',
  'extension/syntaxes/pathway-expression.injection.json',
  'extension/snippets/pathway.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
];

async function main() {
  const size = fs.statSync(vsix).size;
  report(size > 0, `${path.basename(vsix)} exists (${size} bytes)`);
  const files = await readZip(vsix);
  const names = [...files.keys()].sort();
  console.log(`      ${names.join('\n      ')}`);
  const missing = REQUIRED.filter((f) => !files.has(f));
  report(missing.length === 0, 'the .vsix holds the grammar, the snippets, the code, README, CHANGELOG and LICENSE',
    `missing: ${missing.join(', ')}`);
  const extra = names.filter((f) => !REQUIRED.includes(f));
  report(extra.length === 0, 'the .vsix holds nothing else (.vscodeignore)', `unexpected: ${extra.join(', ')}`);

  const pkg = JSON.parse(files.get('extension/package.json'));
  report(pkg.name === 'pathway' && pkg.publisher === 'pathway-dev', 'name pathway, publisher pathway-dev',
    `${pkg.publisher}.${pkg.name}`);
  report(pkg.license === 'MIT' && !!pkg.repository, 'license MIT and a repository');
  report(/^\^1\.85\b/.test(pkg.engines && pkg.engines.vscode), 'engines.vscode ^1.85', JSON.stringify(pkg.engines));
  report(!pkg.dependencies || Object.keys(pkg.dependencies).length === 0, 'no runtime dependencies (nothing to fetch)');
  const main = path.posix.join('extension', path.posix.normalize(pkg.main));
  report(files.has(main), `main (${pkg.main}) is in the .vsix`);
  const paths = [].concat(pkg.contributes.grammars, pkg.contributes.snippets)
    .map((c) => path.posix.join('extension', path.posix.normalize(c.path)));
  report(paths.every((p) => files.has(p)), 'every contributed grammar and snippet file is in the .vsix',
    paths.filter((p) => !files.has(p)).join(', '));

  const contributed = pkg.contributes.grammars.find((g) => g.path.endsWith('pathway-expression.injection.json'));
  const grammar = JSON.parse(files.get('extension/syntaxes/pathway-expression.injection.json'));
  report(contributed && contributed.scopeName === grammar.scopeName && contributed.injectTo.includes('source.lua'),
    'the grammar is contributed under its own scopeName and injected into source.lua');
  report(/^L:source\.lua\b/.test(grammar.injectionSelector || ''), 'the injection selector is L:source.lua ...',
    grammar.injectionSelector);
  const snippets = pkg.contributes.snippets.find((s) => s.path.endsWith('pathway.json'));
  report(snippets && snippets.language === 'lua', 'the snippets are for lua');

  const manifest = files.get('extension.vsixmanifest');
  report(/<Identity[^>]*Id="pathway"/.test(manifest) && /<Identity[^>]*Publisher="pathway-dev"/.test(manifest),
    'extension.vsixmanifest: identity pathway-dev.pathway');
  report(files.get('extension/LICENSE.txt') === fs.readFileSync(path.join(source, 'LICENSE'), 'utf8'),
    "LICENSE.txt is the repository's LICENSE");
}

main().catch((e) => report(false, 'read the .vsix', e.stack || String(e))).finally(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
});
