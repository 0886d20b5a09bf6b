// extension.js: the pathway extension's code, plain CommonJS so that the
// extension needs no build step. Highlighting and snippets are declarative
// (package.json); this file adds the two commands and points
// lua-language-server at pathway's addon.
'use strict';

const vscode = require('vscode');
const fs = require('fs');
const os = require('os');
const path = require('path');

const LUALS_EXTENSION = 'sumneko.lua';
const TASK_TYPE = 'pathway';

// review.lua -> review.html, beside the script (what `-o` is given).
function reportPath(script) {
  const dir = path.dirname(script);
  const base = path.basename(script).replace(/\.lua$/i, '');
  return path.join(dir, base + '.html');
}

// ${workspaceFolder}, ${workspaceFolder:name} and a leading ~ in a setting.
function expand(p, folder) {
  if (!p) return p;
  p = p.replace(/\$\{workspaceFolder(?::([^}]*))?\}/g, (all, name) => {
    const folders = vscode.workspace.workspaceFolders || [];
    const f = name ? folders.find((x) => x.name === name) : folder || folders[0];
    return f ? f.uri.fsPath : all;
  });
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  return p;
}

function isDirectory(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch (e) {
    return false;
  }
}

// The addon's library: the setting, else editor/luals/library in the first
// workspace folder that is a pathway checkout.
function addonLibrary() {
  const configured = vscode.workspace.getConfiguration('pathway').get('luals.library', '');
  if (configured) {
    const p = expand(configured);
    return isDirectory(p) ? p : undefined;
  }
  for (const f of vscode.workspace.workspaceFolders || []) {
    const p = path.join(f.uri.fsPath, 'editor', 'luals', 'library');
    if (isDirectory(p)) return p;
  }
  return undefined;
}

// Add the addon to Lua.workspace.library, once, where the user keeps
// settings: the workspace when one is open, else the user settings. Nothing
// happens without the Lua extension (there is no hard dependency on it) or
// with pathway.luals.configure off.
async function configureLuaLanguageServer(log) {
  if (!vscode.workspace.getConfiguration('pathway').get('luals.configure', true)) return false;
  if (!vscode.extensions.getExtension(LUALS_EXTENSION)) {
    log('lua-language-server extension (sumneko.lua) not installed: not configuring it');
    return false;
  }
  const library = addonLibrary();
  if (!library) {
    log('no pathway lua-language-server addon found (set pathway.luals.library)');
    return false;
  }
  const lua = vscode.workspace.getConfiguration('Lua');
  const inspected = lua.inspect('workspace.library') || {};
  const hasWorkspace = (vscode.workspace.workspaceFolders || []).length > 0;
  const target = hasWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = (hasWorkspace ? inspected.workspaceValue : inspected.globalValue) || [];
  const all = [].concat(inspected.globalValue || [], inspected.workspaceValue || [], current);
  const same = (p) => path.resolve(expand(String(p))) === path.resolve(library);
  if (all.some(same)) return false;
  await lua.update('workspace.library', current.concat([library]), target);
  log(`added ${library} to Lua.workspace.library`);
  return true;
}

function scriptFromArgs(uri) {
  if (uri && uri.fsPath) return uri.fsPath;
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.uri.scheme === 'file') return editor.document.uri.fsPath;
  return undefined;
}

// The script is named relative to the workspace folder (or its own
// directory), run from there: Lua shortens a long chunk name to
// ".../tail" in messages (LUA_IDSIZE, 60 bytes), which no problem matcher
// could resolve, so absolute paths would lose their errors. The matcher
// resolves the relative names against the same directory.
function reviewTask(script, folder) {
  const cfg = vscode.workspace.getConfiguration('pathway', vscode.Uri.file(script));
  const exe = expand(cfg.get('executable', 'pathway'), folder) || 'pathway';
  const out = reportPath(script);
  const cwd = folder ? folder.uri.fsPath : path.dirname(script);
  const args = ['review', path.relative(cwd, script), '--format', 'html', '-o', path.relative(cwd, out)]
    .concat(cfg.get('review.args', []));
  const definition = { type: TASK_TYPE, file: script, output: out };
  const exec = new vscode.ProcessExecution(exe, args, { cwd });
  const task = new vscode.Task(definition, folder || vscode.TaskScope.Workspace,
    'review ' + path.basename(script), 'pathway', exec, [folder ? '$pathway' : '$pathway-file']);
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

async function runReview(uri) {
  const script = scriptFromArgs(uri);
  if (!script || !/\.lua$/i.test(script)) {
    vscode.window.showErrorMessage('pathway: run review needs a review script (.lua) open in the editor.');
    return undefined;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === script);
  if (doc && doc.isDirty) await doc.save();
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(script));
  return vscode.tasks.executeTask(reviewTask(script, folder));
}

// The report HTML has no scripts (lang/report_html.lua); the panel allows
// none, and only inline styles and images.
function webviewHtml(html, webview) {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ` +
    `img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; font-src ${webview.cspSource};">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => m + csp) : csp + html;
}

const panels = new Map();   // report path -> webview panel

function showInWebview(report) {
  let panel = panels.get(report);
  const render = () => {
    try {
      panel.webview.html = webviewHtml(fs.readFileSync(report, 'utf8'), panel.webview);
    } catch (e) {
      panel.webview.html = `<p>cannot read ${report}: ${e.message}</p>`;
    }
  };
  if (panel) {
    render();
    panel.reveal(vscode.ViewColumn.Beside);
    return;
  }
  panel = vscode.window.createWebviewPanel('pathway.report', path.basename(report),
    vscode.ViewColumn.Beside,
    { enableScripts: false, localResourceRoots: [vscode.Uri.file(path.dirname(report))] });
  panels.set(report, panel);
  const watcher = vscode.workspace.createFileSystemWatcher(
    new vscode.RelativePattern(vscode.Uri.file(path.dirname(report)), path.basename(report)));
  watcher.onDidChange(render);
  watcher.onDidCreate(render);
  panel.onDidDispose(() => {
    watcher.dispose();
    panels.delete(report);
  });
  render();
}

async function openReport(uri) {
  const target = scriptFromArgs(uri);
  if (!target) {
    vscode.window.showErrorMessage('pathway: open report needs a review script open in the editor.');
    return;
  }
  const report = /\.html?$/i.test(target) ? target : reportPath(target);
  if (!fs.existsSync(report)) {
    vscode.window.showErrorMessage(`pathway: no report ${path.basename(report)} beside the script yet; run "pathway: run review" first.`);
    return;
  }
  const where = vscode.workspace.getConfiguration('pathway', vscode.Uri.file(report)).get('report.openIn', 'webview');
  if (where === 'browser') await vscode.env.openExternal(vscode.Uri.file(report));
  else showInWebview(report);
}

function activate(context) {
  const channel = vscode.window.createOutputChannel('pathway');
  const log = (msg) => channel.appendLine(msg);
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand('pathway.runReview', runReview),
    vscode.commands.registerCommand('pathway.openReport', openReport),
    // Tasks of type "pathway" in tasks.json run the same command line.
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: () => {
        const script = scriptFromArgs();
        return script && /\.lua$/i.test(script)
          ? [reviewTask(script, vscode.workspace.getWorkspaceFolder(vscode.Uri.file(script)))] : [];
      },
      resolveTask: (task) => {
        const file = task.definition && task.definition.file;
        if (!file) return undefined;
        const folder = task.scope && task.scope.uri ? task.scope : undefined;
        return reviewTask(path.resolve(folder ? folder.uri.fsPath : '', expand(file, folder)), folder);
      },
    }),
    // After a run that wrote the report (exit 0: all met; 1: some not met),
    // show it.
    vscode.tasks.onDidEndTaskProcess((e) => {
      const def = e.execution.task.definition;
      if (def.type !== TASK_TYPE || (e.exitCode !== 0 && e.exitCode !== 1)) return;
      const cfg = vscode.workspace.getConfiguration('pathway', vscode.Uri.file(def.file));
      if (cfg.get('report.openAfterRun', true) && def.output && fs.existsSync(def.output)) {
        openReport(vscode.Uri.file(def.output));
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pathway.luals')) configureLuaLanguageServer(log).catch((err) => log(String(err)));
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      configureLuaLanguageServer(log).catch((err) => log(String(err)));
    }),
  );
  return configureLuaLanguageServer(log).catch((err) => log(String(err)));
}

function deactivate() {}

module.exports = { activate, deactivate, reportPath, webviewHtml, configureLuaLanguageServer };
