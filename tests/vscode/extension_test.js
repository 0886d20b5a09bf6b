// extension_test.js SOURCE_DIR BUILD_DIR [PATHWAY [LUA]]: the parts of
// editor/vscode that need no VS Code and no npm package.
//   - snippets: the prefixes asked for, the criterion's element ids and the
//     field names are those of lang/review.lua and lang/nh*.lua, and each
//     snippet, filled with its defaults, is valid Lua (LUA) and, for the
//     declarations, a valid pathway declaration (PATHWAY runs them);
//   - extension.js, loaded against a stand-in `vscode` module: the commands
//     of package.json are registered, "run review" starts the task
//     `pathway review FILE --format html -o FILE.html` with the $pathway
//     problem matcher, "open report" shows the report, and the
//     lua-language-server addon is added to Lua.workspace.library only when
//     the Lua extension is installed;
//   - the problem matcher of package.json against the error lines PATHWAY
//     really prints.
// Last line: "N passed, N failed" (", N skipped" without PATHWAY or LUA).
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');
const { spawnSync } = require('child_process');

const [source, build, pathwayBin, luaBin] = process.argv.slice(2);
const extDir = path.join(source, 'editor/vscode');
const pkg = JSON.parse(fs.readFileSync(path.join(extDir, 'package.json'), 'utf8'));
const work = path.join(build, 'vscode-extension-test');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
function report(ok, name, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}${ok || !detail ? '' : '\n      ' + String(detail).replace(/\n/g, '\n      ')}`);
}
function skip(name, why) {
  skipped++;
  console.log(`skip  ${name}: ${why}`);
}
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const usable = (p) => !!p && fs.existsSync(p);

// ---------------------------------------------------------------- snippets

// A snippet filled with its defaults: ${1:text} -> text, ${1|a,b|} -> a,
// $1 and ${1} -> what placeholder 1 holds.
function expandSnippet(body) {
  const values = {};
  let i = 0;
  function seq(stop) {
    let out = '';
    while (i < body.length && !(stop && body[i] === stop)) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length) {
        out += body[i + 1];
        i += 2;
      } else if (c === '$' && /[0-9]/.test(body[i + 1] || '')) {
        const m = /^\$([0-9]+)/.exec(body.slice(i));
        out += values[m[1]] || '';
        i += m[0].length;
      } else if (c === '$' && body[i + 1] === '{') {
        const m = /^\$\{([0-9]+)/.exec(body.slice(i));
        i += m[0].length;
        let v = values[m[1]] || '';
        if (body[i] === ':') {
          i++;
          v = seq('}');
        } else if (body[i] === '|') {
          const end = body.indexOf('|}', i);
          v = body.slice(i + 1, end).split(',')[0];
          i = end + 1;
        }
        i++;   // the closing }
        values[m[1]] = v;
        out += v;
      } else {
        out += c;
        i++;
      }
    }
    return out;
  }
  return seq(null);
}

// local NAME = { a = true, b = true, ... } in a lang/ file -> [a, b, ...]
function keysOf(file, name) {
  const text = fs.readFileSync(path.join(source, 'lang', file), 'utf8');
  const m = new RegExp(`local ${name} = \\{([^}]*)\\}`).exec(text);
  return m ? [...m[1].matchAll(/([A-Za-z_]+)\s*=\s*true/g)].map((x) => x[1]) : [];
}

function luaStrings(file, name) {
  const text = fs.readFileSync(path.join(source, 'lang', file), 'utf8');
  const m = new RegExp(`local ${name} = \\{([^}]*)\\}`).exec(text);
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

function snippetCases() {
  const snippets = JSON.parse(fs.readFileSync(path.join(extDir, 'snippets/pathway.json'), 'utf8'));
  const byPrefix = {};
  for (const s of Object.values(snippets)) byPrefix[s.prefix] = s;
  const wanted = ['pathway', 'criterion', 'rule', 'test', 'nh.events', 'nh.survival', 'nh.trajectory',
                  'nh.before_after', 'nh.adequacy', 'nh.match'];
  const missing = wanted.filter((p) => !byPrefix[p]);
  report(missing.length === 0, `snippets: ${wanted.join(' ')}`, `missing: ${missing.join(' ')}`);
  report(Object.values(snippets).every((s) => s.description && Array.isArray(s.body)), 'every snippet has a description and a body');
  const body = (p) => (byPrefix[p] ? byPrefix[p].body.join('\n') : '');

  const ids = luaStrings('review.lua', 'CORE').concat(luaStrings('review.lua', 'CROSS'));
  const choice = /element = "\$\{[0-9]+\|([^|]*)\|\}"/.exec(body('criterion'));
  report(ids.length === 8 && choice && same(choice[1].split(','), ids),
    "criterion: the element choices are lang/review.lua's ids, in order", `${choice && choice[1]} vs ${ids}`);

  // field names used at the first level of each declaration's table
  const fields = (p) => [...body(p).matchAll(/^\t(.*)$/gm)]
    .flatMap((l) => [...l[1].matchAll(/(?:^|,\s*)([A-Za-z_]+) = /g)].map((x) => x[1]));
  const allowed = {
    pathway: keysOf('review.lua', 'PATHWAY_KEYS'), criterion: keysOf('review.lua', 'CRITERION_KEYS'),
    'nh.events': keysOf('nh.lua', 'EVENT_KEYS'), 'nh.survival': keysOf('nh.lua', 'SURV_KEYS'),
    'nh.adequacy': keysOf('nh.lua', 'ADEQ_KEYS'), 'nh.match': keysOf('nh_match.lua', 'MATCH_KEYS'),
    'nh.trajectory': keysOf('nh_trajectory.lua', 'TRAJ_KEYS'),
    'nh.before_after': keysOf('nh_trajectory.lua', 'BA_KEYS'),
  };
  for (const [p, keys] of Object.entries(allowed)) {
    const used = fields(p);
    // a choice such as ${6|time,exposure|} stands for each of its names
    const choices = [...body(p).matchAll(/\$\{[0-9]+\|([^|]*)\|\} = /g)].flatMap((m) => m[1].split(','));
    const all = used.concat(choices);
    const unknown = all.filter((k) => !keys.includes(k));
    report(keys.length > 0 && all.length > 0 && unknown.length === 0, `${p}: fields ${[...new Set(all)].join(', ')} are ones lang/ accepts`,
      `unknown: ${unknown.join(', ')} (accepted: ${keys.join(', ')})`);
  }

  const expanded = {};
  for (const [name, s] of Object.entries(snippets)) expanded[name] = expandSnippet(s.body.join('\n'));
  if (!usable(luaBin)) {
    skip('snippets are valid Lua', 'no lua interpreter given');
  } else {
    const bad = [];
    for (const [name, text] of Object.entries(expanded)) {
      // a rule is an entry of variants.group { ... }
      const chunk = /,\s*$/.test(text) ? `local _ = {\n${text}\n}` : text;
      const r = spawnSync(luaBin, ['-e', 'assert(load(io.read("a"), "=snippet"))'], { input: chunk, encoding: 'utf8' });
      if (r.status !== 0) bad.push(`${name}: ${r.stderr.trim()}\n${chunk}`);
    }
    report(bad.length === 0, `every snippet, filled with its defaults, is valid Lua (${Object.keys(expanded).length})`, bad.join('\n'));
  }
  if (!usable(pathwayBin)) {
    skip('the declaration snippets run under pathway', 'no pathway binary given');
  } else {
    const script = path.join(work, 'snippets.lua');
    fs.writeFileSync(script, [expanded.pathway, expanded.criterion, expanded['variants.group'],
      'print("declared")'].join('\n'));
    const r = spawnSync(pathwayBin, [script], { encoding: 'utf8' });
    report(r.status === 0 && /declared/.test(r.stdout),
      'pathway, criterion and variants.group (with rule) run under pathway as declared',
      `exit ${r.status}: ${r.stderr}`);
  }
}

// ---------------------------------------------------------------- extension.js

function makeVscode(state) {
  const disposable = { dispose() {} };
  const uri = (p) => ({ fsPath: p, scheme: 'file', path: p, toString: () => 'file://' + p });
  const section = (name) => ({
    get: (key, def) => (state.config[`${name}.${key}`] !== undefined ? state.config[`${name}.${key}`] : def),
    inspect: (key) => state.inspect[`${name}.${key}`] || { key: `${name}.${key}` },
    update: async (key, value, target) => {
      state.updates.push({ key: `${name}.${key}`, value, target });
    },
  });
  return {
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    TaskScope: { Global: 1, Workspace: 2 },
    TaskRevealKind: { Always: 1, Silent: 2, Never: 3 },
    ViewColumn: { Active: -1, Beside: -2 },
    Uri: { file: uri },
    RelativePattern: class { constructor(base, pattern) { Object.assign(this, { base, pattern }); } },
    ProcessExecution: class { constructor(process, args, options) { Object.assign(this, { process, args, options }); } },
    Task: class {
      constructor(definition, scope, name, source, execution, problemMatchers) {
        Object.assign(this, { definition, scope, name, source, execution, problemMatchers });
      }
    },
    window: {
      get activeTextEditor() { return state.editor; },
      createOutputChannel: () => ({ appendLine: (l) => state.log.push(l), dispose() {} }),
      showErrorMessage: (m) => state.errors.push(m),
      createWebviewPanel: (viewType, title, column, options) => {
        const panel = { viewType, title, column, options, webview: { html: '', cspSource: 'vscode-webview:' },
                        reveal() {}, onDidDispose: () => disposable };
        state.panels.push(panel);
        return panel;
      },
    },
    workspace: {
      get workspaceFolders() { return state.folders; },
      textDocuments: [],
      getConfiguration: (name) => section(name),
      getWorkspaceFolder: (u) => state.folders.find((f) => u.fsPath.startsWith(f.uri.fsPath + path.sep)),
      onDidChangeConfiguration: () => disposable,
      onDidChangeWorkspaceFolders: () => disposable,
      createFileSystemWatcher: () => ({ onDidChange() {}, onDidCreate() {}, dispose() {} }),
    },
    extensions: { getExtension: (id) => (state.extensions.includes(id) ? { id } : undefined) },
    commands: { registerCommand: (id, fn) => { state.commands[id] = fn; return disposable; } },
    tasks: {
      registerTaskProvider: (type, provider) => { state.providers[type] = provider; return disposable; },
      executeTask: async (task) => { state.tasks.push(task); return { task }; },
      onDidEndTaskProcess: (fn) => { state.onTaskEnd = fn; return disposable; },
    },
    env: { openExternal: async (u) => { state.external.push(u.fsPath); return true; } },
  };
}

function freshState(over) {
  return Object.assign({ config: {}, inspect: {}, updates: [], log: [], errors: [], panels: [], commands: {},
                         providers: {}, tasks: [], external: [], extensions: [], folders: [], editor: undefined }, over);
}

let current;   // the state the stand-in module reads
const stub = new Proxy({}, { get: (_, k) => current.vscode[k] });
const load = Module._load;
Module._load = function (request, parent, isMain) {
  return request === 'vscode' ? stub : load.call(this, request, parent, isMain);
};
function freshExtension(state) {
  state.vscode = makeVscode(state);
  current = state;
  const file = require.resolve(path.join(extDir, pkg.main));
  delete require.cache[file];
  return require(file);
}
const folder = (p) => ({ uri: { fsPath: p, scheme: 'file' }, name: path.basename(p), index: 0 });
const context = () => ({ subscriptions: [] });

async function extensionCases() {
  // a workspace that is a pathway checkout with the addon
  const ws = path.join(work, 'ws');
  const lib = path.join(ws, 'editor/luals/library');
  fs.mkdirSync(lib, { recursive: true });
  const script = path.join(ws, 'reviews/review.lua');
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, '-- a review\n');

  let st = freshState({ folders: [folder(ws)] });
  let ext = freshExtension(st);
  await ext.activate(context());
  const declared = pkg.contributes.commands.map((c) => c.command);
  report(same(Object.keys(st.commands).sort(), declared.slice().sort()) && declared.includes('pathway.runReview') &&
    declared.includes('pathway.openReport'), `activate registers the commands of package.json (${declared.join(', ')})`,
    Object.keys(st.commands).join(', '));
  report(pkg.contributes.commands.every((c) => `${c.category}: ${c.title}` === { 'pathway.runReview': 'pathway: run review',
    'pathway.openReport': 'pathway: open report' }[c.command]), 'the palette shows "pathway: run review" and "pathway: open report"');
  report(!!st.providers.pathway && pkg.contributes.taskDefinitions.some((t) => t.type === 'pathway'),
    'a task provider for the task type "pathway"');
  report(st.updates.length === 0, 'without the Lua extension, Lua settings are left alone', JSON.stringify(st.updates));

  // settings the code reads are the ones package.json declares
  const code = fs.readFileSync(path.join(extDir, pkg.main), 'utf8');
  // every .get('key') in extension.js reads a pathway.* setting (Lua's are inspected)
  const read = [...code.matchAll(/\.get\('([^']+)'/g)].map((m) => `pathway.${m[1]}`);
  const props = Object.keys(pkg.contributes.configuration.properties);
  report(read.length >= 5 && read.every((k) => props.includes(k)), `the settings read (${[...new Set(read)].join(', ')}) are declared`,
    read.filter((k) => !props.includes(k)).join(', '));

  st = freshState({ folders: [folder(ws)], extensions: ['sumneko.lua'] });
  await freshExtension(st).activate(context());
  report(same(st.updates, [{ key: 'Lua.workspace.library', value: [lib], target: 2 }]),
    'with the Lua extension, editor/luals/library is added to Lua.workspace.library (workspace)', JSON.stringify(st.updates));

  st = freshState({ folders: [folder(ws)], extensions: ['sumneko.lua'],
                    inspect: { 'Lua.workspace.library': { workspaceValue: ['/other', lib] } } });
  await freshExtension(st).activate(context());
  report(st.updates.length === 0, 'it is not added twice', JSON.stringify(st.updates));

  st = freshState({ folders: [folder(ws)], extensions: ['sumneko.lua'],
                    inspect: { 'Lua.workspace.library': { workspaceValue: ['/other'] } } });
  await freshExtension(st).activate(context());
  report(same(st.updates[0] && st.updates[0].value, ['/other', lib]), 'the entries already there are kept', JSON.stringify(st.updates));

  const custom = path.join(ws, 'addon/library');
  fs.mkdirSync(custom, { recursive: true });
  st = freshState({ folders: [folder(ws)], extensions: ['sumneko.lua'],
                    config: { 'pathway.luals.library': '${workspaceFolder}/addon/library' } });
  await freshExtension(st).activate(context());
  report(same(st.updates[0] && st.updates[0].value, [custom]), 'pathway.luals.library, with ${workspaceFolder}, is used instead',
    JSON.stringify(st.updates));

  st = freshState({ folders: [folder(ws)], extensions: ['sumneko.lua'], config: { 'pathway.luals.configure': false } });
  await freshExtension(st).activate(context());
  report(st.updates.length === 0, 'pathway.luals.configure = false leaves Lua settings alone');

  st = freshState({ folders: [folder(path.join(work, 'elsewhere'))], extensions: ['sumneko.lua'] });
  await freshExtension(st).activate(context());
  report(st.updates.length === 0 && st.log.some((l) => /pathway\.luals\.library/.test(l)),
    'no addon found: nothing changed, and the log says which setting to set', st.log.join(' | '));

  // run review
  const doc = { uri: { fsPath: script, scheme: 'file' }, isDirty: true, saved: false };
  doc.save = async () => { doc.saved = true; return true; };
  st = freshState({ folders: [folder(ws)], editor: { document: doc } });
  ext = freshExtension(st);
  st.vscode.workspace.textDocuments = [doc];
  await ext.activate(context());
  await st.commands['pathway.runReview']();
  const report_ = path.join(ws, 'reviews/review.html');
  const task = st.tasks[0];
  report(!!task && task.execution.process === 'pathway' &&
    same(task.execution.args, ['review', 'reviews/review.lua', '--format', 'html', '-o', 'reviews/review.html']),
    'run review: pathway review FILE --format html -o FILE.html, FILE relative to the workspace folder',
    task && JSON.stringify(task.execution));
  report(!!task && same(task.problemMatchers, ['$pathway']) && task.execution.options.cwd === ws,
    'run review: from the workspace folder, with the $pathway problem matcher');
  report(doc.saved, 'run review saves the script first');
  const matchers = pkg.contributes.problemMatchers;
  report(matchers.length === 2 && same(matchers.map((m) => [m.name, m.fileLocation]),
    [['pathway', ['autoDetect', '${workspaceFolder}']], ['pathway-file', ['autoDetect', '${fileDirname}']]]) &&
    same(matchers[0].pattern, matchers[1].pattern),
    'problem matchers "pathway" (names relative to the workspace folder) and "pathway-file" (to the file\'s directory)');

  // a script outside any workspace folder: run from its own directory
  const lone = path.join(work, 'lone/review.lua');
  fs.mkdirSync(path.dirname(lone), { recursive: true });
  fs.writeFileSync(lone, '-- a review\n');
  st = freshState({ folders: [], editor: { document: { uri: { fsPath: lone, scheme: 'file' }, isDirty: false } } });
  ext = freshExtension(st);
  await ext.activate(context());
  await st.commands['pathway.runReview']();
  report(st.tasks[0] && same(st.tasks[0].execution.args.slice(0, 2), ['review', 'review.lua']) &&
    st.tasks[0].execution.options.cwd === path.dirname(lone) && same(st.tasks[0].problemMatchers, ['$pathway-file']),
    'run review without a workspace folder: from the script\'s directory, with $pathway-file',
    st.tasks[0] && JSON.stringify(st.tasks[0]));

  st = freshState({ folders: [folder(ws)], editor: { document: doc },
                    config: { 'pathway.executable': '${workspaceFolder}/build/pathway', 'pathway.review.args': ['--seed', '7'] } });
  ext = freshExtension(st);
  await ext.activate(context());
  await st.commands['pathway.runReview']();
  report(st.tasks[0] && st.tasks[0].execution.process === path.join(ws, 'build/pathway') &&
    same(st.tasks[0].execution.args.slice(-2), ['--seed', '7']), 'pathway.executable and pathway.review.args are used',
    st.tasks[0] && JSON.stringify(st.tasks[0].execution));

  const resolved = st.providers.pathway.resolveTask(new st.vscode.Task({ type: 'pathway', file: 'reviews/review.lua' },
    folder(ws), 'x', 'pathway'));
  report(resolved && resolved.execution.args[1] === 'reviews/review.lua', 'a tasks.json task { type = pathway, file } runs that file',
    resolved && JSON.stringify(resolved.execution.args));

  st = freshState({ folders: [folder(ws)] });
  ext = freshExtension(st);
  await ext.activate(context());
  await st.commands['pathway.runReview']();
  report(st.tasks.length === 0 && st.errors.length === 1, 'run review without a script: a message, no task', st.errors.join(' | '));

  // open report
  st = freshState({ folders: [folder(ws)], editor: { document: doc } });
  ext = freshExtension(st);
  await ext.activate(context());
  fs.rmSync(report_, { force: true });
  await st.commands['pathway.openReport']();
  report(st.panels.length === 0 && /run review/.test(st.errors[0] || ''), 'open report before a run: a message naming run review',
    st.errors.join(' | '));
  fs.writeFileSync(report_, '<!DOCTYPE html><html><head><title>r</title></head><body><h1>CPS1</h1></body></html>');
  await st.commands['pathway.openReport']();
  const panel = st.panels[0];
  report(panel && panel.options.enableScripts === false && /<h1>CPS1<\/h1>/.test(panel.webview.html) &&
    /<head><meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(panel.webview.html),
    'open report: the report in a panel beside the script, scripts off, a CSP', panel && panel.webview.html);

  st = freshState({ folders: [folder(ws)], editor: { document: doc }, config: { 'pathway.report.openIn': 'browser' } });
  ext = freshExtension(st);
  await ext.activate(context());
  await st.commands['pathway.openReport']();
  report(same(st.external, [report_]) && st.panels.length === 0, 'pathway.report.openIn = browser opens it outside',
    JSON.stringify(st.external));

  st = freshState({ folders: [folder(ws)], editor: { document: doc } });
  ext = freshExtension(st);
  await ext.activate(context());
  const end = (code) => st.onTaskEnd({ exitCode: code, execution: { task: { definition: { type: 'pathway', file: script, output: report_ } } } });
  end(2);
  const after2 = st.panels.length;
  end(1);
  await new Promise((r) => setImmediate(r));
  report(after2 === 0 && st.panels.length === 1, 'after a run: the report opens when the review ran (exit 0 or 1), not on an error (2)');
}

// ---------------------------------------------------------------- problem matcher

function matcherCases() {
  const pm = pkg.contributes.problemMatchers.find((m) => m.name === 'pathway');
  const re = new RegExp(pm.pattern.regexp);
  const parse = (line) => {
    const m = re.exec(line);
    return m && { file: m[pm.pattern.file], line: +m[pm.pattern.line], column: m[pm.pattern.column],
                  message: m[pm.pattern.message] };
  };
  const warning = parse('pathway: warning: expression big: 4 integer or date results out of range, made NA');
  const trace = parse('\treview.lua:3: in upvalue \'check\'');
  report(!warning && !trace, 'the matcher skips warnings and traceback lines');
  const doc = parse("pathway: trial.lua:12: expression:1:12: unexpected '*'; expected a value");
  report(doc && doc.file === 'trial.lua' && doc.line === 12 && /^expression:1:12: unexpected/.test(doc.message),
    "the matcher reads docs/expressions.md's example", JSON.stringify(doc));

  if (!usable(pathwayBin)) {
    skip('the matcher on real pathway errors', 'no pathway binary given');
    return;
  }
  const cases = [
    ['undefined global', 'local x = 1\nnope()\n', 2, /undefined global 'nope'/],
    ['expression error', 'local f = frame.new({ gene = { "CPS1" } })\n\nlocal t = f:filter("gnee == \'CPS1\'")\n', 3,
     /unknown column 'gnee'/],
    ['syntax error', 'local x = \n\nlocal = 3\n', 3, /./],
  ];
  // run as the extension runs it: from a folder, the script named relative to it
  const dir = path.join(work, 'errors');
  fs.mkdirSync(path.join(dir, 'reviews'), { recursive: true });
  for (const [what, text, line, message] of cases) {
    const file = `reviews/${what.replace(/ /g, '_')}.lua`;
    fs.writeFileSync(path.join(dir, file), text);
    const r = spawnSync(pathwayBin, ['review', file, '--format', 'html', '-o', file.replace(/\.lua$/, '.html')],
      { cwd: dir, encoding: 'utf8' });
    const first = r.stderr.split('\n')[0];
    const p = parse(first);
    report(r.status === 2 && p && p.file === file && p.line === line && message.test(p.message),
      `the matcher on a real ${what}: ${file}:${line}`, `exit ${r.status}: ${first} -> ${JSON.stringify(p)}`);
  }
}

(async () => {
  try {
    snippetCases();
    await extensionCases();
    matcherCases();
  } catch (e) {
    report(false, 'no exception', e.stack || String(e));
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed ? 1 : 0;
})();
