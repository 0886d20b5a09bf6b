-- reference_review.lua: reference entries of the review DSL, platform, rwe and tests.
-- Exports: an array of entries (the schema: docs/reference/index.md).
local U = require "pathway.reference_util"
local p, r, fn, method, class, module, value = U.p, U.r, U.fn, U.method, U.class, U.module, U.value
local VERDICT = "pathway.verdict"
local CHECK = "met(), not_met(reason, evidence) or insufficient(reason, evidence) from a check"

local criterion = {
  signature = "criterion \"name\" {element = \"<id>\", check = function(ctx) ... end [, requires = {...}, description =]}",
  summary = "declare an executable criterion of the review",
  body = [[
The element is one of molecular_cause, targets_root_cause, natural_history,
target_engagement, clinical_improvement, robust_to_chance,
consecutive_success, post_market. check returns met(evidence),
not_met(reason, evidence) or insufficient(reason, evidence); a check that
raises is an error verdict and the others still run. requires orders
evaluation; an unmet requirement makes the criterion insufficient.
pathway "title" {therapy =, modality =, disease =} names the review.
review.run() evaluates it. docs/review.md.]],
  params = { p("name", "string", "the criterion's name, unique in the review") },
  returns = { r("fun(spec: {element: string, check: fun(ctx: table): pathway.verdict, requires: string|string[], description: string})", "takes the criterion's table") },
  example = "criterion 'x' {element = 'post_market', check = function() return met() end}" }
local pathway = {
  signature = "pathway \"title\" {therapy =, modality =, disease =, gene =, platform =, sponsor =, description =}",
  summary = "name the review: its therapy, modality and disease (one per review)",
  body = "Every field is a string; an unknown field is an error that lists them. The report's title and header come from here.",
  params = { p("title", "string", "the review's title") },
  returns = { r("fun(spec: table<string, string>)", "takes the pathway's table") },
  example = "pathway 'CPS1 base editing' {therapy = 'k-abe', modality = 'base editing', disease = 'CPS1 deficiency'}" }
local function verdict(name, sig, summary, params, example)
  return { signature = sig, summary = summary, params = params, returns = { r(VERDICT, "the verdict") },
           body = "Return it from a criterion's check. evidence is any value (tables, frames, SVG strings) the report shows.",
           example = example }
end
local met = verdict("met", "met([evidence]) -> verdict", "the criterion is met",
  { p("evidence?", "any", "what shows it") }, "print(met({rate_ratio = 0.2}))")
local not_met = verdict("not_met", "not_met(reason [, evidence]) -> verdict", "the criterion is not met, and why",
  { p("reason", "string", "why"), p("evidence?", "any", "what shows it") }, "print(not_met('rate ratio above 1'))")
local insufficient = verdict("insufficient", "insufficient(reason [, evidence]) -> verdict",
  "the evidence cannot decide the criterion, and why",
  { p("reason", "string", "what is missing"), p("evidence?", "any", "what there is") }, "print(insufficient('3 patients'))")
local function copy(t, extra)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  for k, v in pairs(extra or {}) do c[k] = v end
  return c
end
local NH_SPEC = "{treated: pathway.frame, control: pathway.frame, id: string, time: string, value: string, events: string, exposure: string, event: string, conf_level: number}"
local function nh(name, sig, summary, b, spec, example)
  return fn("nh." .. name, { signature = sig, summary = summary, body = b,
    params = { p("spec", spec or NH_SPEC, "the frames and their column names") },
    returns = { r("pathway.nh", "the result: estimate, fields, warnings; :summary(), :plot()") }, example = example })
end

return {
  module("review", { signature = "review.run() -> review",
    summary = "the review DSL as a module: pathway, criterion, verdicts, run, reset, declared, elements",
    body = "The globals pathway, criterion, met, not_met and insufficient are these functions. docs/review.md.",
    example = "print(#review.elements)  --> 8" }),
  fn("criterion", copy(criterion)),
  fn("review.criterion", copy(criterion, { summary = "declare a criterion (the same as the global criterion)" })),
  fn("pathway", copy(pathway)),
  fn("review.pathway", copy(pathway, { summary = "name the review (the same as the global pathway)",
    example = "print(type(review.pathway))" })),
  fn("met", copy(met)),
  fn("review.met", copy(met, { summary = "the criterion is met (the same as the global met)" })),
  fn("not_met", copy(not_met)),
  fn("review.not_met", copy(not_met, { summary = "the criterion is not met (the same as the global not_met)" })),
  fn("insufficient", copy(insufficient)),
  fn("review.insufficient", copy(insufficient, { summary = "the evidence cannot decide (the same as the global insufficient)" })),
  fn("review.run", { signature = "review.run() -> review",
    summary = "evaluate the declared criteria and the coverage of the five elements",
    body = [[
Criteria run in declaration order after what they require; a check that
raises is an error verdict and the others still run. Fields pathway,
criteria (name, element, requires, description, verdict, reason, evidence,
traceback), counts, coverage, not_addressed, passed (every element
addressed and every criterion met).]],
    returns = { r("pathway.review", "the review result") },
    example = "print(review.run():summary_line())" }),
  fn("review.declared", { signature = "review.declared() -> table[]",
    summary = "the criteria declared so far, in order (name, element, check, requires, description, ...)",
    returns = { r("table[]", "the declared criteria") },
    example = "print(#review.declared())" }),
  fn("review.reset", { signature = "review.reset()", summary = "forget the declared pathway and criteria (tests, the REPL)",
    example = "review.reset(); print(#review.declared())  --> 0" }),
  value("review.elements", { signature = "review.elements",
    summary = "the element ids a criterion may address, in report order",
    body = [[
molecular_cause, targets_root_cause, natural_history, target_engagement,
clinical_improvement (the five core elements), then robust_to_chance,
consecutive_success, post_market.]],
    example = "print(table.concat(review.elements, ' '))" }),
  class("verdict", { class = VERDICT, signature = "met(evidence) / not_met(reason, evidence) / insufficient(reason, evidence)",
    summary = "a criterion's verdict: fields verdict, reason, evidence; tostring",
    example = "print(not_met('too few', {n = 2}).verdict)  --> not_met" }),
  class("review_result", { class = "pathway.review", signature = "review.run() -> review",
    summary = "an evaluated review: criteria, counts, coverage, passed; :text(), :summary_line()",
    body = "tostring is :text().",
    example = "print(review.run().passed)" }),
  method("review_result:text", { signature = "rv:text() -> string",
    summary = "the terminal report: one line per criterion, coverage, the summary line",
    returns = { r("string", "the report") }, example = "print(review.run():text())" }),
  method("review_result:summary_line", { signature = "rv:summary_line() -> string",
    summary = "\"N met, N not met, N insufficient, N error; N elements not addressed\"",
    returns = { r("string", "the line") }, example = "print(review.run():summary_line())" }),

  module("platform", { signature = "platform.consecutive{...} -> result",
    summary = "evidence across personalized versions of one platform",
    body = "docs/review.md.", example = "print(type(platform.consecutive))" }),
  fn("platform.consecutive", { signature = "platform.consecutive{patients =, success =, order =, id =, needed = 3, prior = {1, 1}} -> result",
    summary = "consecutive successes across personalized versions of one platform",
    body = [[
success is a bool column or an expression; order sorts the patients (stable).
Fields n, successes, current_run, longest_run, needed, achieved, failures
({position, patient}), posterior (stats.beta_binomial) and its 95% interval;
:summary(). docs/review.md.]],
    params = { p("spec", "{patients: pathway.frame, success: string, order: string, id: string, needed: integer, prior: number[]}", "patients, the success column or expression, order, run length needed, Beta prior") },
    returns = { r("pathway.platform", "the result") },
    example = "print(platform.consecutive{patients = f, success = 'dead == 0', order = 'day'}.longest_run)" }),
  class("platform_result", { class = "pathway.platform", signature = "platform.consecutive{...} -> result",
    summary = "n, successes, current_run, longest_run, needed, achieved, failures, posterior; :summary()",
    example = "print(platform.consecutive{patients = f, success = 'dead == 0', order = 'day'})" }),
  method("platform_result:summary", { signature = "res:summary() -> string", summary = "the result as text",
    returns = { r("string", "the text") },
    example = "print(platform.consecutive{patients = f, success = 'dead == 0', order = 'day'}:summary())" }),

  module("rwe", { signature = "rwe.maxsprt{...} -> result", summary = "real-world evidence: post-market safety surveillance",
    body = "docs/rwe.md.", example = "print(type(rwe.maxsprt))" }),
  fn("rwe.maxsprt", { signature = "rwe.maxsprt{observed =, expected =, data =, alpha = 0.05, min_events = 1, length =, cumulative = false, looks =} -> result",
    summary = "Poisson MaxSPRT post-market safety surveillance (Kulldorff et al. 2011)",
    body = [[
observed and expected are per-look counts (cumulative = true: already
cumulative) or column names of data. The critical value is exact for
continuous monitoring up to length expected events (pre-specify it; the
default, the last cumulative expected, adds a warning). Fields alpha,
min_events, length, critical_value, signal, signal_look, signal_label, llr,
observed_cum, expected_cum, relative_risk, looks, warnings, chart;
:summary(), :plot(). docs/rwe.md.]],
    params = { p("spec", "{observed: number[]|string, expected: number[]|string, data: pathway.frame, alpha: number, min_events: integer, length: number, cumulative: boolean, looks: string[]|string}", "per-look counts (or columns of data) and the design") },
    returns = { r("pathway.nh", "the result (the class of nh results)") },
    example = "print(rwe.maxsprt{observed = {0, 1, 0, 2, 3, 4}, expected = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, length = 10}.signal_look)  --> 6" }),

  module("nh", { signature = "nh.events{...} / nh.survival{...} / ...",
    summary = "natural-history comparisons: a treated group against untreated controls",
    body = "Each returns a result with estimate, its fields and warnings; :summary(), :plot(). docs/natural-history.md.",
    example = "print(type(nh.events))" }),
  nh("events", "nh.events{treated =, control =, id =, events =, time = | exposure =} -> result", "annualized event rates against a natural-history control", [[
Rate ratio with its exact interval (poisson_test); for one treated
patient, the probability of a count as low as theirs under the controls'
gamma-Poisson rates. Warnings for thin controls. :summary(), :plot().
docs/natural-history.md.]], nil, "print(nh.events{treated = f:filter(\"arm == 'treated'\"), control = f:filter(\"arm == 'control'\"), id = 'patient_id', events = 'dead', time = 'day'}.estimate)"),
  nh("survival", "nh.survival{treated =, control =, time =, event = [, tau =]} -> result", "time to event against a natural-history control", [[
Kaplan-Meier per arm, log-rank, Cox hazard ratio and the RMST
difference; for one treated patient the controls' survival at their time.
docs/natural-history.md.]], nil, "print(nh.survival{treated = f:filter(\"arm == 'treated'\"), control = f:filter(\"arm == 'control'\"), time = 'day', event = 'dead'}:summary())"),
  nh("adequacy", "nh.adequacy{control =, id =, events =, time = | exposure =, treated_n =} -> result", "is a natural history adequate: the smallest rate ratio it can distinguish", [[
Patients, person-years, events, rate, and the smallest detectable rate
ratio at alpha and power for the treated exposure (estimate; nil with a
warning when no reduction is distinguishable). docs/natural-history.md.]], "{control: pathway.frame, id: string, events: string, time: string, exposure: string, treated_n: integer, treated_years: number, alpha: number, power: number}",
    "print(nh.adequacy{control = f, id = 'patient_id', events = 'dead', time = 'day', treated_n = 2}:summary())"),
  nh("trajectory", "nh.trajectory{treated =, control =, id =, time =, value = [, bins = | bin_width =]} -> result", "progressive disease: treated visits and slopes against the untreated band", [[
The controls' mean, sd and 10/50/90% quantiles by time bin, each treated
visit's z-score against its bin, and the difference of mean per-patient
least-squares slopes (Welch t test). :summary(), :plot().
docs/natural-history.md.]], nil, "print(nh.trajectory{treated = f:filter(\"arm == 'treated'\"), control = f:filter(\"arm == 'control'\"), id = 'patient_id', time = 'day', value = 'y', bins = 2}.estimate)"),
  nh("before_after", "nh.before_after{treated =, control =, id =, time =, value =, start = [, window =]} -> result", "within-patient change after treatment against the natural history's change", [[
Treated change from the last visit at or before start to the visit nearest
start + window; control change over the median treated interval from the
visit nearest the median treated baseline time. Welch t test and Wilcoxon
rank sum; for one treated patient, z-score and percentile.
docs/natural-history.md.]], nil, "print(nh.before_after{treated = f:filter(\"arm == 'treated'\"), control = f:filter(\"arm == 'control'\"), id = 'patient_id', time = 'day', value = 'y', start = 20}.estimate)"),
  nh("match", "nh.match{treated =, control =, exact = {...}, nearest = {...} [, k = 1, caliper =]} -> result", "matched natural-history controls and covariate balance", [[
Exact matching, then the k nearest controls by standardized Euclidean
distance, greedy in treated row order, without replacement, within the
caliper (sd units). .matched is the control frame with matched_to and
distance; .balance the standardized mean differences before and after.
docs/natural-history.md.]], "{treated: pathway.frame, control: pathway.frame, exact: string[], nearest: string[], k: integer, caliper: number}",
    "print(nh.match{treated = f:filter(\"arm == 'treated'\"), control = f:filter(\"arm == 'control'\"), exact = {'gene'}, nearest = {'x'}}.matched)"),
  class("nh_result", { class = "pathway.nh", signature = "nh.events{...} -> result",
    summary = "a natural-history (or rwe) result: estimate, fields, warnings; :summary(), :plot()",
    body = "tostring is a one-line description; the fields of each function are in docs/natural-history.md and docs/rwe.md.",
    example = "print(rwe.maxsprt{observed = {0, 1}, expected = {0.5, 0.5}, length = 10})" }),
  method("nh_result:summary", { signature = "res:summary() -> string", summary = "the result as text",
    returns = { r("string", "the text") },
    example = "print(rwe.maxsprt{observed = {0, 1}, expected = {0.5, 0.5}, length = 10}:summary())" }),
  method("nh_result:plot", { signature = "res:plot() -> string", summary = "the result's figure as SVG (plot.svg of its chart)",
    returns = { r("string", "the SVG") },
    example = "print(#rwe.maxsprt{observed = {0, 1}, expected = {0.5, 0.5}, length = 10}:plot() > 0)" }),

  module("plot", { signature = "plot.svg{...} / plot.bars{...} -> string",
    summary = "small self-contained SVG charts (the figures of the reports)",
    body = [[
The same bytes on every machine. A string that starts with "<svg" given as
evidence is a figure: the HTML report draws it. nh.* results' :plot() and
groups:plot(frame) use these.]], example = "print(#plot.bars{labels = {'a'}, values = {1}} > 0)" }),
  fn("plot.svg", { signature = "plot.svg{title =, xlab =, ylab =, xlim =, ylim =, series = {{kind = 'step'|'line'|'points'|'band', x =, y =, ...}}} -> string",
    summary = "a chart of step, line, point and band series",
    params = { p("spec", "{title: string, xlab: string, ylab: string, xlim: number[], ylim: number[], series: table[]}", "the chart") },
    returns = { r("string", "the SVG") },
    example = "print(#plot.svg{title = 't', series = {{kind = 'line', x = {0, 1}, y = {0, 1}}}} > 0)" }),
  fn("plot.bars", { signature = "plot.bars{title =, xlab =, labels =, values =, color =} -> string",
    summary = "a horizontal bar chart, bars from 0, each labelled with its value",
    params = { p("spec", "{title: string, xlab: string, labels: string[], values: number[], color: string}", "the chart; values finite and >= 0") },
    returns = { r("string", "the SVG") },
    example = "print(plot.bars{title = 'groups', labels = {'a', 'b'}, values = {3, 5}}:sub(1, 4))  --> <svg" }),

  module("report", { signature = "report.render(doc, format) -> string",
    summary = "the renderers of pathway review, for a report document a script holds",
    body = "docs/report-schema.md.", example = "print(type(report.render))" }),
  fn("report.render", { signature = "report.render(doc, 'text'|'md'|'json'|'html' [, {color = bool}]) -> string",
    summary = "render a review report document (docs/report-schema.md)",
    body = [[
pathway review builds the document and renders it; these are the same
renderers, for a document a script holds (e.g. json.decode of a JSON
report).]],
    params = { p("doc", "table", "the report document"), p("format", "string", "text, md, json or html"),
               p("opts?", "{color: boolean}", "ANSI colour (text)") },
    returns = { r("string", "the rendered report") },
    example = "print(pcall(report.render, {}, 'md'))" }),
  fn("report.json", { signature = "report.json(doc) -> string", summary = "a report document as JSON (the json format)",
    params = { p("doc", "table", "the report document") }, returns = { r("string", "the JSON") },
    example = "print(pcall(report.json, {}))" }),

  fn("test", { signature = "test \"name\" (function() ... end)",
    summary = "declare a test; `pathway test` runs the *_test.lua files",
    body = [[
pathway test [PATH...] runs every *_test.lua file given or found below the
directories given, each in its own globals, its tests in order. It prints
one line per test, the failing expectation's file:line, and last the line
"N passed, N failed[, N skipped]"; the exit status is 1 if any failed.]],
    params = { p("name", "string", "the test's name") },
    returns = { r("fun(fn: fun())", "takes the test's function") },
    example = "test \"sum\" (function() expect(1 + 1):equals(2) end)" }),
  fn("expect", { signature = "expect(value) -> expectation", summary = "assert about a value in a test",
    body = [[
Matchers: :equals(v) (deep), :is_nil(), :is_true(), :is_false(),
:has_type(t), :matches(lua_pattern), :contains(x), :near(b [, tol]),
:raises(text) (value is a function whose error message contains text).
An expectation left without a matcher asserts that the value is truthy.]],
    params = { p("value", "any", "the value (a function for :raises)") },
    returns = { r("pathway.expectation", "the expectation") },
    example = "expect(function() error('boom') end):raises('boom')" }),
  fn("near", { signature = "near(a, b [, tol])", summary = "assert that numbers (or arrays of numbers) are close",
    body = [[
Passes when |a - b| <= tol (default 1e-9), or with tol = {rel = r} when
|a - b| <= r * |b|. Arrays are compared element by element.]],
    params = { p("a", "number|number[]", "the value"), p("b", "number|number[]", "the expected value"),
               p("tol?", "number|{rel: number}", "absolute (1e-9) or relative tolerance") },
    returns = { r("boolean", "true (a failure raises)") },
    example = "near(0.1 + 0.2, 0.3, 1e-15)" }),
  fn("skip", { signature = "skip(reason)", summary = "end the running test as skipped, with the reason shown",
    params = { p("reason", "string", "why") },
    example = "if not have_corpus then skip('../shared not found') end" }),
  class("expectation", { class = "pathway.expectation", signature = "expect(value) -> expectation",
    summary = "the matchers of expect: equals, is_nil, is_true, is_false, has_type, matches, contains, near, raises",
    body = "Each matcher returns the expectation, so they chain. Its metatable has no __name.",
    example = "expect(3):has_type('number'):near(3.0)" }),
  method("expectation:equals", { signature = "expect(v):equals(b)", summary = "v equals b (deep comparison of tables)",
    params = { p("b", "any", "the expected value") }, returns = { r("pathway.expectation", "the expectation") },
    example = "expect({1, {2}}):equals({1, {2}})" }),
  method("expectation:is_nil", { signature = "expect(v):is_nil()", summary = "v is nil",
    returns = { r("pathway.expectation", "the expectation") }, example = "expect(nil):is_nil()" }),
  method("expectation:is_true", { signature = "expect(v):is_true()", summary = "v is true (the boolean)",
    returns = { r("pathway.expectation", "the expectation") }, example = "expect(1 < 2):is_true()" }),
  method("expectation:is_false", { signature = "expect(v):is_false()", summary = "v is false (the boolean)",
    returns = { r("pathway.expectation", "the expectation") }, example = "expect(1 > 2):is_false()" }),
  method("expectation:has_type", { signature = "expect(v):has_type(t)", summary = "type(v) == t",
    params = { p("t", "string", "a type name") }, returns = { r("pathway.expectation", "the expectation") },
    example = "expect(f):has_type('userdata')" }),
  method("expectation:matches", { signature = "expect(s):matches(pattern)", summary = "the string matches a Lua pattern",
    params = { p("pattern", "string", "a Lua pattern") }, returns = { r("pathway.expectation", "the expectation") },
    example = "expect('c.1003C>T'):matches('^c%.%d+')" }),
  method("expectation:contains", { signature = "expect(t):contains(x)", summary = "the array (or string) contains x",
    params = { p("x", "any", "the element (or substring)") }, returns = { r("pathway.expectation", "the expectation") },
    example = "expect({'a', 'b'}):contains('b')" }),
  method("expectation:near", { signature = "expect(a):near(b [, tol])", summary = "a is within tol of b (as near)",
    params = { p("b", "number|number[]", "the expected value"), p("tol?", "number|{rel: number}", "the tolerance") },
    returns = { r("pathway.expectation", "the expectation") }, example = "expect(0.1 + 0.2):near(0.3, 1e-12)" }),
  method("expectation:raises", { signature = "expect(fn):raises(text)", summary = "calling fn raises an error whose message contains text",
    params = { p("text", "string", "a substring of the message") }, returns = { r("pathway.expectation", "the expectation") },
    example = "expect(function() error('boom') end):raises('boom')" }),
}
