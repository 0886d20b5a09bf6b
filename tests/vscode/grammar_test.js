// grammar_test.js TOOLS_DIR SOURCE_DIR [LUA_GRAMMAR]: tokenizes review-script lines with
// vscode-textmate + vscode-oniguruma (the libraries VS Code itself uses),
// the injection grammar of editor/vscode over the minimal Lua grammar
// lua.tmLanguage.json beside this file, and checks the scopes of expression
// tokens. Also checks that every function and aggregate of
// docs/expressions.md is highlighted as one. Last line: "N passed, N failed".
'use strict';

const fs = require('fs');
const path = require('path');

// LUA_GRAMMAR: another source.lua grammar (e.g. VS Code's own) instead of the fixture.
const [tools, source, luaGrammar] = process.argv.slice(2);
const modules = path.join(tools, 'node_modules');
const vsctm = require(path.join(modules, 'vscode-textmate'));
const onig = require(path.join(modules, 'vscode-oniguruma'));

const GRAMMARS = {
  'source.lua': luaGrammar || path.join(__dirname, 'lua.tmLanguage.json'),
  'pathway.expression.injection': path.join(source, 'editor/vscode/syntaxes/pathway-expression.injection.json'),
};

let passed = 0;
let failed = 0;
function report(ok, name, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${name}${ok || !detail ? '' : '\n      ' + detail.replace(/\n/g, '\n      ')}`);
}

async function loadGrammar() {
  const wasm = fs.readFileSync(path.join(modules, 'vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new onig.OnigScanner(patterns),
      createOnigString: (s) => new onig.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = GRAMMARS[scopeName];
      return file ? vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
    // package.json: "injectTo": ["source.lua"]
    getInjections: (scopeName) => (scopeName === 'source.lua' ? ['pathway.expression.injection'] : undefined),
  });
  return registry.loadGrammar('source.lua');
}

// Tokens of a (multi-line) text, each with its offset in the whole text.
function tokenize(grammar, text) {
  const out = [];
  let stack = vsctm.INITIAL;
  let offset = 0;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, stack);
    for (const t of r.tokens) {
      out.push({ start: offset + t.startIndex, end: offset + Math.min(t.endIndex, line.length),
                 text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = r.ruleStack;
    offset += line.length + 1;
  }
  return out;
}

// A scope "matches" a selector as in themes: equal, or the selector followed by '.'.
const matches = (scope, sel) => scope === sel || scope.startsWith(sel + '.');
const has = (sel) => ({ what: `has ${sel}`, test: (scopes) => scopes.some((s) => matches(s, sel)) });
const lacks = (sel) => ({ what: `lacks ${sel}`, test: (scopes) => !scopes.some((s) => matches(s, sel)) });
// Plain Lua: inside no expression, and no token scope of the grammar (the
// meta.* scopes of the enclosing call or table are allowed).
const plain = { what: 'be plain Lua', plain: true,
  test: (scopes) => !scopes.some((s) => s.endsWith('.pathway') && !s.startsWith('meta.') || s === EXPR) };

const show = (tokens) => tokens.map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');

// The `nth` occurrence (from 1) of `needle` in `text` (a whole word when
// it is a name) must be covered by tokens that each pass every condition
// and, unless the condition is `plain`, start and end inside it (so `gene`
// is a token of its own).
function check(grammar, name, text, needle, conditions, nth = 1) {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(/^\w+$/.test(needle) ? `(?<!\\w)${escaped}(?!\\w)` : escaped, 'g');
  let m;
  for (let i = 0; i < nth; i++) m = re.exec(text);
  if (!m) return report(false, name, `'${needle}' not in the sample`);
  const at = m.index;
  const end = at + needle.length;
  const tokens = tokenize(grammar, text).filter((t) => t.end > at && t.start < end && t.end > t.start);
  const ragged = tokens.filter((t) => t.start < at || t.end > end);
  if (ragged.length && !conditions.some((c) => c.plain)) {
    return report(false, name, `'${needle}' is not a token of its own:\n${show(ragged)}`);
  }
  const bad = conditions.filter((c) => !tokens.every((t) => c.test(t.scopes)));
  report(bad.length === 0, name,
    `'${needle}' should ${bad.map((c) => c.what).join(', ')}; got:\n${show(tokens)}`);
}

const COLUMN = 'variable.other.column.pathway';
const EXPR = 'meta.embedded.expression.pathway';

function grammarCases(g) {
  const f1 = `local cps1 = trial:filter("gene == 'CPS1' and ammonia > 100")`;
  check(g, 'filter(): a column', f1, 'gene', [has(COLUMN), has(EXPR)]);
  check(g, "filter(): 'CPS1' is a string", f1, "'CPS1'", [has('string.quoted.single.pathway')]);
  check(g, 'filter(): and is an operator', f1, 'and', [has('keyword.operator'), has('keyword.operator.wordlike')]);
  check(g, 'filter(): 100 is a number', f1, '100', [has('constant.numeric')]);
  check(g, 'filter(): > is a comparison', f1, '>', [has('keyword.operator.comparison.pathway')]);
  check(g, 'filter(): == is a comparison', f1, '==', [has('keyword.operator.comparison.pathway')]);
  check(g, 'filter(): the method name', f1, 'filter', [has('entity.name.function.pathway'), lacks(EXPR)]);
  check(g, 'filter(): the receiver is plain Lua', f1, 'trial', [plain]);
  check(g, 'filter(): the quotes stay string punctuation', f1, '"', [has('punctuation.definition.string.begin.lua'), lacks(EXPR)]);

  const s1 = 'local s = g:summarise{ n = "mean(ammonia)" }';
  check(g, 'summarise{}: mean is a function', s1, 'mean', [has('support.function')]);
  check(g, 'summarise{}: its argument is a column', s1, 'ammonia', [has(COLUMN)]);
  check(g, 'summarise{}: the key is not an expression', s1, 'n', [plain]);

  const p1 = 'print("gene == 1")';
  check(g, 'print(): no expression scopes', p1, 'gene == 1', [plain, has('string.quoted.double.lua')]);
  check(g, 'a comment: no expression scopes', '-- trial:filter("gene == 1")', 'gene', [plain, has('comment')]);
  const after = 'local x = t:filter("a > 1") print("gene == 2")';
  check(g, 'a string after the call: no expression scopes', after, 'gene', [plain]);
  check(g, 'group_by(): no expression scopes', 'local g = trial:group_by("patient_id")', 'patient_id', [plain]);

  const f2 = `local t = trial:filter "variant ~ '^c\\\\.[0-9]+C>T$' and not is_na(ammonia)"`;
  check(g, 'filter "...": ~ is the match operator', f2, '~', [has('keyword.operator.match.pathway')]);
  check(g, 'filter "...": the pattern after ~ is a regexp', f2, "'^c\\\\.[0-9]+C>T$'", [has('string.regexp')]);
  check(g, 'filter "...": not is an operator', f2, 'not', [has('keyword.operator')]);
  check(g, 'filter "...": is_na is a function', f2, 'is_na', [has('support.function.pathway')]);
  check(g, 'filter "...": a column', f2, 'variant', [has(COLUMN)]);

  check(g, "filter '...': a nested double-quoted string", `t:filter('gene == "CPS1"')`, '"CPS1"', [has('string.quoted.double.pathway')]);
  check(g, 'filter [[...]]: a column', 't:filter [[gene == "CPS1" or len(variant) > 12]]', 'gene', [has(COLUMN)]);
  check(g, 'filter [[...]]: a function', 't:filter [[gene == "CPS1" or len(variant) > 12]]', 'len', [has('support.function.pathway')]);

  const m1 = 'local t = trial:mutate { years = "(visit_day - first_day) / 365.25" }';
  check(g, 'mutate {}: a column', m1, 'visit_day', [has(COLUMN)]);
  check(g, 'mutate {}: - is arithmetic', m1, '-', [has('keyword.operator.arithmetic.pathway')]);
  check(g, 'mutate {}: / is arithmetic', m1, '/', [has('keyword.operator.arithmetic.pathway')]);
  check(g, 'mutate {}: 365.25 is a number', m1, '365.25', [has('constant.numeric')]);
  check(g, 'mutate {}: the key is Lua', m1, 'years', [plain]);

  const multi = [
    'local per = visits:group_by("patient_id"):summarise({',
    '  crises = "sum(crisis)",',
    '  span = "max(visit_day) - min(visit_day)",',
    '  weird = function(grp) return grp:nrow() == 1 and "gene == 1" end,',
    '}, { by = "patient_id" })',
    'print("gene == 2")',
  ].join('\n');
  check(g, 'multi-line summarise: sum is an aggregate', multi, 'sum', [has('support.function.aggregate.pathway')]);
  check(g, 'multi-line summarise: max is an aggregate', multi, 'max', [has('support.function.aggregate.pathway')]);
  check(g, 'multi-line summarise: a column on line 3', multi, 'visit_day', [has(COLUMN)], 2);
  check(g, 'multi-line summarise: a string in a function value is Lua', multi, 'gene == 1', [plain]);
  check(g, 'multi-line summarise: after the call, strings are Lua', multi, 'gene == 2', [plain]);
  check(g, 'multi-line summarise: group_by\'s key is Lua', multi, 'patient_id', [plain]);

  const fn = 'local t = trial:filter(function(r) if r.x then return r.gene == "CPS1" end return false end)';
  check(g, 'filter(function): its strings are Lua', fn, 'CPS1', [plain, has('string.quoted.double.lua')]);
  check(g, 'filter(function): the call ends after it', fn + ' print("gene == 1")', 'gene == 1', [plain]);

  const rule = `rule "ABE nonsense" { where = "consequence == 'nonsense' and abe_correctable" },`;
  check(g, 'rule { where = }: a column', rule, 'consequence', [has(COLUMN)]);
  check(g, 'rule { where = }: a name without ( is a column', rule, 'abe_correctable', [has(COLUMN)]);
  check(g, 'rule { where = }: the rule name is Lua', rule, 'ABE nonsense', [plain]);
  check(g, 'rule { pattern = }: not an expression', 'rule "s" { pattern = [[^c\\.\\d+]] },', '^c', [plain]);

  const bq = "t:filter(\"`age (days)` > 30 and arm in ('treated', na) and not (x > 1) and if_else(flag, true, false)\")";
  check(g, 'a backquoted name is a column', bq, '`age (days)`', [has('variable.other.column')]);
  check(g, 'in is an operator', bq, 'in', [has('keyword.operator.wordlike')]);
  check(g, 'na is a constant', bq, 'na', [has('constant.language.na.pathway')]);
  check(g, 'true is a constant', bq, 'true', [has('constant.language.boolean.pathway')]);
  check(g, 'not (...) is an operator, not a call', bq, 'not', [has('keyword.operator.wordlike')]);
  check(g, 'if_else is a function', bq, 'if_else', [has('support.function.pathway')]);
  check(g, 'the comma separates arguments', bq, ',', [has('punctuation.separator.comma.pathway')]);

  check(g, '~= is marked invalid', 't:filter("x ~= 1")', '~=', [has('invalid.illegal')]);
  check(g, '= is marked invalid', 't:filter("x = 1")', '=', [has('invalid.illegal')]);
  check(g, '!~ is the negated match', "t:filter(\"gene !~ '^C'\")", '!~', [has('keyword.operator.match.pathway')]);
  check(g, 'an unknown function is still a function', 't:filter("nchar(variant) > 3")', 'nchar', [has('entity.name.function.pathway')]);
  check(g, 'a template for string.format', 'local x = t:filter(("age_days > %d"):format(n))', 'age_days', [has(COLUMN)]);
  check(g, "an escaped quote stays in the nested string", `t:filter("name == 'O\\\\'Brien' and x > 1")`, 'Brien', [has('string.quoted.single.pathway')]);
  check(g, 'a number in a column name is part of the name', 't:filter("x1 > 2")', 'x1', [has(COLUMN)]);
}

// Every function and aggregate in the tables of docs/expressions.md
// ("## Functions", "## Aggregates") is highlighted as a function.
function docsCases(g) {
  const doc = fs.readFileSync(path.join(source, 'docs/expressions.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## Functions'), doc.indexOf('\n## Error messages'));
  const names = new Set();
  for (const line of section.split('\n')) {
    const first = line.startsWith('| `') ? line.split('|')[1] : '';
    for (const m of first.matchAll(/`([a-z_][a-z0-9_]*)\(/g)) names.add(m[1]);
  }
  report(names.size >= 30, `docs/expressions.md lists the functions (found ${names.size})`);
  const missing = [];
  for (const name of names) {
    const text = `t:summarise { v = "${name}(x)" }`;
    const tok = tokenize(g, text).find((t) => t.text === name);
    if (!tok || !tok.scopes.some((s) => matches(s, 'support.function'))) missing.push(name);
  }
  report(missing.length === 0, 'every documented function is highlighted as one',
    `not highlighted as support.function: ${missing.join(' ')}`);
}

loadGrammar().then((g) => {
  grammarCases(g);
  docsCases(g);
}).catch((e) => {
  report(false, 'load the grammars', e.stack || String(e));
}).finally(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
});
