-- reference.lua: the reference entries `pathway help` shows.
-- Exports: an array of { name, signature, summary, body, example }.
return {
  { name = "cli", signature = "pathway [options] [FILE.lua [ARGS...]]",
    summary = "the command line: scripts, -e, -i, test, help, exit statuses",
    body = [[
pathway FILE.lua ARGS runs a script; ARGS are in the global `arg` (arg[0] is
the script) and in `...`. -e CODE runs a chunk (repeatable); with -e there
is no script: the words after the options are arg[1..], as with perl -e and
python -c. -i enters the
REPL after running. With no FILE, pathway starts the REPL on a terminal and
runs stdin as a script otherwise. Exit status: 0 success, 1 a criterion not
met or a test failed, 2 usage, script or input error, 70 internal error.]],
    example = "pathway -e 'print(json.encode({1, 2}))'" },
  { name = "sandbox", signature = "pathway --unsafe ...",
    summary = "what a script may do without --unsafe",
    body = [[
Scripts run sandboxed: no os.execute, io.popen, os.exit, os.getenv,
os.remove, os.rename, package.loadlib, C modules or binary chunks, and of
debug only traceback. Files may be read; a file may be written only when it
is a declared output. Reading an undefined global is an error that names
it. --unsafe restores the full Lua standard library.]],
    example = "pathway -e 'os.execute(\"true\")'   -- fails, naming --unsafe" },
  { name = "limits", signature = "pathway --max-memory SIZE --timeout SECONDS",
    summary = "memory and time limits of a run",
    body = [[
--max-memory caps the Lua heap (default 4G; units K, M, G, T); --timeout caps
the wall time of each run. Either ends the script with
"pathway: memory limit of N MiB exceeded" or
"pathway: time limit of N s exceeded" and exit status 2. pcall cannot
catch the time limit: it is raised again at once.]],
    example = "pathway --timeout 1 -e 'while true do end'" },
  { name = "frame", signature = "frame.new(columns [, {types = {...}, order = {...}}]) -> frame",
    summary = "columnar frames: build, filter, mutate, group, join, sort",
    body = [[
A frame is a set of named, typed, immutable columns (int num bool date str)
with NA as missing values. Methods: nrow ncol names types col filter mutate
select rename group_by summarise join sort head tail distinct count rows
to_rows load_info. filter, mutate and summarise take expression strings
(pathway help expressions) or Lua functions of a row. docs/frames.md has
every method.]],
    example = "frame.new({x = {1, 2, 3}}):filter('x > 1'):nrow()  --> 2" },
  { name = "frame.format", signature = "frame.format(f [, {width = 80, rows = 10, color = false}]) -> string",
    summary = "a frame (or grouped frame) as a box table of a given width and height",
    body = [[
What tostring(f) gives (width 100, 10 rows), at the width and number of
rows you ask for: names and types in the header, numbers right-aligned,
NA in a str column as <NA> so it cannot pass for the text "NA", the first
and last rows of a long frame, and footers "… N more rows" and
"… N more columns: a, b, …" that fit the width. color = true dims NA and
the type row with ANSI codes. The REPL shows frames this way, fitted to
the terminal.]],
    example = "print(frame.format(visits, {width = 60, rows = 6}))" },
  { name = "expressions", signature = "frame:filter \"gene == 'CPS1' and ammonia > 100\"",
    summary = "the column-expression language of filter, mutate and summarise",
    body = [[
Columns by name or `backquoted`, numbers, 'strings', true false na;
or and not, == != < <= > >=, in (...), ~ 'pcre', + - * / % ^; SQL NA
logic. Functions: abs log exp sqrt round floor ceil is_na coalesce if_else
lower upper len substr year month days_between. In summarise: count() sum
mean median sd var min max n_distinct first last quantile(x, p). Compiled
once, run column-at-a-time in C. docs/expressions.md has the grammar.]],
    example = "visits:group_by('patient_id'):summarise{ crises = 'sum(crisis)' }" },
  { name = "expr.compile", signature = "expr.compile(text, frame) -> compiled",
    summary = "compile an expression against a frame's columns; :type(), :explain()",
    example = "print(expr.compile('x + 1', f):explain())" },
  { name = "json.encode", signature = "json.encode(value [, {indent = true}]) -> string",
    summary = "encode a Lua value as JSON, deterministically",
    body = [[
Object keys are sorted. A table with keys 1..n is an array, one with string
keys an object; json.array{} and json.object{} mark empty or ambiguous ones.
NaN, infinities, functions, cycles and mixed keys raise an error naming the
path of the bad value.]],
    example = "json.encode({b = 1, a = {1, 2}})  --> {\"a\":[1,2],\"b\":1}" },
  { name = "json.decode", signature = "json.decode(text) -> value",
    summary = "decode JSON text; bad JSON raises with line and column",
    body = [[
Arrays come back marked as arrays (so they encode as arrays again), null as
json.null, integral numbers within 2^53 as integers.]],
    example = "json.decode('[1, 2.5, null]')[3] == json.null  --> true" },
  { name = "json.null", signature = "json.null",
    summary = "the value that stands for JSON null" },
  { name = "json.array", signature = "json.array([t]) -> t",
    summary = "mark a table to be encoded as a JSON array",
    example = "json.encode(json.array{})  --> []" },
  { name = "json.object", signature = "json.object([t]) -> t",
    summary = "mark a table to be encoded as a JSON object",
    example = "json.encode(json.object{})  --> {}" },
  { name = "hgvs.parse", signature = "hgvs.parse(s [, {lenient = true}]) -> variant | nil, msg",
    summary = "parse an HGVS variant description (c. g. m. n. o. r. p., alleles)",
    body = [[
Returns a table {kind = "variant", raw, hgvs (the normal form), reference,
coordinate, type, start, stop, is_range, ref, alt, ref_length, alt_length,
length_change, predicted, consequence, term, repeat_count, ...}, or for
c.[a];[b] {kind = "genotype", phase, nalleles, alleles = {...}}; tostring
gives the normal form. Invalid text returns nil and "hgvs: 'TEXT' at N:
what was expected", with a hint for common author mistakes (C1003T, Q335X,
a missing c., whitespace); {lenient = true} accepts those and says in
`correction` what it changed. A non-string raises. docs/hgvs.md has the
grammar, the consequence rules and the conformance results.]],
    example = "hgvs.parse('NM_001875.5:c.1003C>T').consequence  --> coding" },
  { name = "hgvs.annotate", signature = "hgvs.annotate(v, {cds = \"ATG...\"}) -> variant | nil, msg",
    summary = "translate a coding substitution against the coding sequence",
    body = [[
v is a string or a parsed variant; cds starts at c.1 (the A of ATG). Returns
the variant with consequence from the codon (missense, nonsense, synonymous,
start_loss, stop_loss) and protein ("p.(Gln335Ter)"), codon, ref_codon,
alt_codon, ref_aa, alt_aa. A reference base that disagrees with the sequence,
or a change other than a coding substitution, returns nil and the reason.
docs/base-editing.md has the rules.]],
    example = "hgvs.annotate('c.4C>T', {cds = 'ATGCAGTGGTAA'}).protein  --> p.(Gln2Ter)" },
  { name = "hgvs.editing", signature = "hgvs.editing(v) -> {snv, transition, transversion, abe_correctable, cbe_correctable}",
    summary = "which base editor could revert a single-base change",
    body = [[
An adenine base editor (A.T to G.C) reverts pathogenic G>A and C>T; a
cytosine base editor (C.G to T.A) reverts A>G and T>C. Chemistry only: it
does not say a guide exists (editing.sites does). Invalid text returns nil,
msg. docs/base-editing.md.]],
    example = "hgvs.editing('c.1003C>T').abe_correctable  --> true" },
  { name = "editing.sites", signature = "editing.sites(seq, pos [, {pam =, window =, protospacer =, editor =}]) -> sites",
    summary = "protospacers on both strands that put a base inside the editing window",
    body = [[
Defaults: pam "NGG" (IUPAC codes allowed), window {4, 8} (protospacer
indexes from the PAM-distal end), protospacer 20, editor "abe" ("cbe").
Each site: strand, start, pam_start, target_index, protospacer, pam,
target_base, editable, bystanders, bystander_index. Bad arguments raise.]],
    example = "#editing.sites(('T'):rep(20) .. 'CCCCACCCCCCCCCCCCCCCAGG', 25)  --> 1" },
  { name = "variants.group", signature = "variants.group { rule \"name\" {where = ..., pattern = ...}, ... } -> groups",
    summary = "variant-grouping rules: groups:apply, apply_genotypes, summary, explain, classify",
    body = [[
Rules are tried in declared order; first match wins (multiple = true keeps
all). where is an expression over the variant attributes (consequence,
type, abe_correctable, exon, ...) or a Lua function; pattern is a PCRE2
pattern on the text as written. Unparseable variants go to "invalid" with
their error, unmatched ones to "unassigned". Options: cds, exons, lenient,
multiple. docs/variants.md.]],
    example = "variants.group{ rule 'ABE' {where = 'abe_correctable'} }:classify('c.1003C>T')  --> ABE" },
  { name = "stats.distributions", signature = "stats.pnorm(q [, mean, sd, lower_tail, log_p]) -- and d/p/q of t chisq f beta gamma exp binom pois nbinom hyper",
    summary = "probability distributions with R's names, argument order and defaults",
    body = [[
d (density, give_log), p (distribution, lower_tail, log_p) and q
(quantile) for norm, t, chisq, f, beta, gamma (rate or scale), exp, binom,
pois, nbinom (prob or mu) and hyper, positional in R's order; a last table
argument may name options ({lower_tail = false}). The first argument may be
an array. Invalid parameters give NaN as in R. Agreement with R and the
algorithms: docs/methods.md.]],
    example = "stats.qnorm(0.975)  --> 1.959963984540054" },
  { name = "stats.lm", signature = "stats.lm(frame, \"y ~ x + group\" [, {weights =, conf_level =}]) -> fit",
    summary = "linear regression with R's formulas, contrasts and term names",
    body = [[
Treatment contrasts with the first sorted level as reference (suppVC),
interactions a:b and a*b, I(), log(), offset(); NA rows dropped and counted
(n_dropped). fit.coefficients[term] = {coef, std_err, statistic, p_value,
conf_int}; r_squared, adj_r_squared, sigma, fstatistic, loglik, aic, bic;
:summary(), :fitted(), :residuals(), :predict(frame).]],
    example = "stats.lm(frame.new{x = {1, 2, 3}, y = {2, 4, 7}}, 'y ~ x').coefficients.x.coef  --> 2.5" },
  { name = "stats.glm", signature = "stats.glm(frame, \"y ~ x + offset(log(t))\", {family = \"binomial\"|\"poisson\"|\"gaussian\"}) -> fit",
    summary = "generalized linear models by IRLS as R's glm.fit",
    body = [[
Logit (binomial), log (poisson) and identity (gaussian) links; Wald z
tests and intervals (confint.default); deviance, null_deviance, aic,
loglik, dispersion, iterations, converged. docs/methods.md.]],
    example = "stats.glm(f, 'dead ~ age', {family = 'binomial'}).coefficients.age.p_value" },
  { name = "stats.km", signature = "stats.km(frame, \"Surv(time, event) ~ group\" [, {conf_type =, conf_level =}]) -> fit",
    summary = "Kaplan-Meier curves as survfit, with :at(t), :rmst(tau), :summary()",
    body = [[
Per stratum (fit.strata; fit[label]): time, n_risk, n_event, n_censor,
surv, std_err (of the survival, Greenwood), lower, upper (conf_type log,
log-log or plain), median with median_lower/median_upper, n, events.
:at(t) is the step function at any time; :rmst(tau) the restricted mean
and its standard error. Events 0/1, bool, or 1/2 as R's Surv.]],
    example = "stats.km(f, 'Surv(days, dead) ~ 1')['all'].median" },
  { name = "stats.logrank", signature = "stats.logrank(frame, \"Surv(time, event) ~ group [+ strata(s)]\") -> test",
    summary = "the log-rank test as survdiff",
    body = [[
chisq, df, p_value, observed, expected and var per group (test.groups),
n_dropped.]],
    example = "stats.logrank(f, 'Surv(days, dead) ~ arm').p_value" },
  { name = "stats.cox", signature = "stats.cox(frame, \"Surv(time, event) ~ x + group\" [, {ties = \"efron\"|\"breslow\"}]) -> fit",
    summary = "Cox proportional hazards as coxph",
    body = [[
fit[term] = {coef, hr, std_err, statistic, p_value, hr_lower, hr_upper,
conf_int}; loglik = {null, fit}; lr_test, wald_test, score_test =
{statistic, df, p_value}; concordance; strata(x) terms. fit:zph() is the
proportional-hazards test of cox.zph (per term and global).]],
    example = "stats.cox(f, 'Surv(days, dead) ~ arm').armtreated.hr" },
  { name = "stats.tests", signature = "stats.t_test{x =, y =, paired =, var_equal =} -- also wilcox_test binom_test poisson_test fisher_test",
    summary = "hypothesis tests returning R's htest fields",
    body = [[
Each returns statistic, parameter, p_value, conf_int, estimate,
null_value, alternative, method, with R's meaning, and takes alternative
and conf_level where R does: t_test, wilcox_test (exact where R is exact),
binom_test (Clopper-Pearson), poisson_test (one- and two-sample, exact),
fisher_test (2x2, conditional MLE odds ratio and exact interval).]],
    example = "stats.binom_test{x = 3, n = 10}.p_value  --> 0.34375" },
  { name = "stats.p_adjust", signature = "stats.p_adjust(p [, method = \"holm\"]) -> array",
    summary = "p-value adjustment as p.adjust",
    body = [[
Methods holm, hochberg, hommel, BH, BY, bonferroni, none; NA kept.]],
    example = "stats.p_adjust({0.01, 0.04}, 'bonferroni')[2]  --> 0.08" },
  { name = "stats.resampling", signature = "stats.permutation_test{x =, y =, n =} / stats.bootstrap{x =, statistic =, n =}",
    summary = "permutation tests and bootstrap intervals with a documented seeded generator",
    body = [[
xoshiro256** seeded from the engine's --seed (and seed =): the same call
gives the same answer on every machine. Permutation p-value (b + 1)/(n + 1);
bootstrap percentile, basic or BCa intervals. docs/methods.md.]],
    example = "stats.permutation_test{x = {1, 2, 3}, y = {4, 5, 6}, n = 999}.p_value" },
  { name = "stats.posteriors", signature = "stats.beta_binomial{successes =, n =, prior = {a, b}} / stats.gamma_poisson{events =, exposure =, prior = {shape, rate}}",
    summary = "conjugate posteriors with :prob_greater(x) and :interval(level)",
    body = [[
Beta(a + s, b + n - s) for a success rate; Gamma(shape + events, rate +
exposure) for an event rate. Fields a, b (or shape, rate) and mean.]],
    example = "stats.beta_binomial{successes = 4, n = 4, prior = {1, 1}}:prob_greater(0.5)  --> 0.96875" },
  { name = "nh.events", signature = "nh.events{treated =, control =, id =, events =, time = | exposure =} -> result",
    summary = "annualized event rates against a natural-history control",
    body = [[
Rate ratio with its exact interval (poisson_test); for one treated
patient, the probability of a count as low as theirs under the controls'
gamma-Poisson rates. Warnings for thin controls. :summary(), :plot().
docs/natural-history.md.]],
    example = "nh.events{...}.estimate" },
  { name = "nh.survival", signature = "nh.survival{treated =, control =, time =, event = [, tau =]} -> result",
    summary = "time to event against a natural-history control",
    body = [[
Kaplan-Meier per arm, log-rank, Cox hazard ratio and the RMST
difference; for one treated patient the controls' survival at their time.
docs/natural-history.md.]],
    example = "nh.survival{...}.rmst.difference" },
  { name = "nh.adequacy", signature = "nh.adequacy{control =, id =, events =, time = | exposure =, treated_n =} -> result",
    summary = "is a natural history adequate: the smallest rate ratio it can distinguish",
    body = [[
Patients, person-years, events, rate, and the smallest detectable rate
ratio at alpha and power for the treated exposure. docs/natural-history.md.]],
    example = "nh.adequacy{...}.estimate" },
  { name = "nh.trajectory", signature = "nh.trajectory{treated =, control =, id =, time =, value = [, bins = | bin_width =]} -> result",
    summary = "progressive disease: treated visits and slopes against the untreated band",
    body = [[
The controls' mean, sd and 10/50/90% quantiles by time bin, each treated
visit's z-score against its bin, and the difference of mean per-patient
least-squares slopes (Welch t test). :summary(), :plot().
docs/natural-history.md.]],
    example = "nh.trajectory{...}.estimate" },
  { name = "nh.before_after", signature = "nh.before_after{treated =, control =, id =, time =, value =, start = [, window =]} -> result",
    summary = "within-patient change after treatment against the natural history's change",
    body = [[
Treated change from the last visit at or before start to the visit nearest
start + window; control change over the median treated interval from the
visit nearest the median treated baseline time. Welch t test and Wilcoxon
rank sum; for one treated patient, z-score and percentile.
docs/natural-history.md.]],
    example = "nh.before_after{...}.estimate" },
  { name = "nh.match", signature = "nh.match{treated =, control =, exact = {...}, nearest = {...} [, k = 1, caliper =]} -> result",
    summary = "matched natural-history controls and covariate balance",
    body = [[
Exact matching, then the k nearest controls by standardized Euclidean
distance, greedy in treated row order, without replacement, within the
caliper (sd units). .matched is the control frame with matched_to and
distance; .balance the standardized mean differences before and after.
docs/natural-history.md.]],
    example = "nh.match{...}.matched" },
  { name = "criterion", signature = "criterion \"name\" {element = \"<id>\", check = function(ctx) ... end [, requires = {...}]}",
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
    example = "criterion 'x' {element = 'post_market', check = function() return met() end}" },
  { name = "review.run", signature = "review.run() -> review",
    summary = "evaluate the declared criteria and the coverage of the five elements",
    body = [[
Fields criteria (verdict, reason, evidence, traceback), counts, coverage,
not_addressed, passed; :text() is the terminal report ending with
"N met, N not met, N insufficient, N error; N elements not addressed".]],
    example = "print(review.run())" },
  { name = "platform.consecutive", signature = "platform.consecutive{patients =, success =, order =, id =, needed = 3, prior = {1, 1}} -> result",
    summary = "consecutive successes across personalized versions of one platform",
    body = [[
success is a bool column or an expression; order sorts the patients (stable).
Fields n, successes, current_run, longest_run, needed, achieved, failures
({position, patient}), posterior (stats.beta_binomial) and its 95% interval;
:summary(). docs/review.md.]],
    example = "platform.consecutive{patients = f, success = 'crises_after == 0', order = 'day'}.longest_run" },
  { name = "plot.svg", signature = "plot.svg{title =, xlab =, ylab =, xlim =, ylim =, series = {{kind = 'step'|'line'|'points'|'band', x =, y =, ...}}} -> string; plot.bars{title =, xlab =, labels =, values =} -> string",
    summary = "small self-contained SVG charts (the figures of the reports)",
    body = [[
The same bytes on every machine. A string that starts with "<svg" given as
evidence is a figure: the HTML report draws it. nh.* results' :plot() and
groups:plot(frame) use these.]],
    example = "plot.bars{title = 'groups', labels = {'a', 'b'}, values = {3, 5}}" },
  { name = "report.render", signature = "report.render(doc, 'text'|'md'|'json'|'html' [, {color = bool}]) -> string; report.json(doc) -> string",
    summary = "render a review report document (docs/report-schema.md)",
    body = [[
pathway review builds the document and renders it; these are the same
renderers, for a document a script holds (e.g. json.decode of a JSON
report).]],
    example = "report.render(json.decode(io.open('r.json'):read('a')), 'md')" },
  { name = "rwe.maxsprt", signature = "rwe.maxsprt{observed =, expected =, data =, alpha = 0.05, min_events = 1, length =, cumulative = false, looks =} -> result",
    summary = "Poisson MaxSPRT post-market safety surveillance (Kulldorff et al. 2011)",
    body = [[
observed and expected are per-look counts (cumulative = true: already
cumulative) or column names of data. The critical value is exact for
continuous monitoring up to length expected events (pre-specify it; the
default, the last cumulative expected, adds a warning). Fields alpha,
min_events, length, critical_value, signal, signal_look, signal_label, llr,
observed_cum, expected_cum, relative_risk, looks, warnings, chart;
:summary(), :plot(). docs/rwe.md.]],
    example = "rwe.maxsprt{observed = {0, 1, 0, 2, 3, 4}, expected = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, length = 10}.signal_look  --> 6" },
  { name = "stats.maxsprt_cv", signature = "stats.maxsprt_cv(T [, M = 1 [, alpha = 0.05]]) -> number",
    summary = "exact critical value of the continuous Poisson MaxSPRT",
    body = [[
As R's Sequential::CV.Poisson(SampleSize = T, D = 0, M, alpha). Also
stats.maxsprt_alpha(T, M, cv), the exact type I error of cv, and
stats.maxsprt_llr(observed, expected), the log-likelihood ratio maximized
over RR >= 1. docs/rwe.md.]],
    example = "stats.maxsprt_cv(10)  --> 3.4679515803337" },
  { name = "review.lock", signature = "pathway lock FILE.lua; pathway review FILE.lua [--format text|md|json|html] [-o OUT] [--require-lock]",
    summary = "pre-specify a review, then run it and write its report",
    body = [[
pathway lock writes FILE.lock: the script's SHA-256 and a fingerprint of
each criterion (its element, requirements, description, check source and
the constants it closes over). pathway review reports "pre-specified: yes"
when the script matches, or "NO - script changed after lock" naming the
criteria added, removed or changed; --require-lock makes that exit 2.
Exit 0 when every criterion is met and every element addressed, 1
otherwise. docs/review.md, docs/report-schema.md.]],
    example = "pathway review examples/cps1-base-editing/review.lua --format html -o report.html" },
  { name = "test", signature = "test \"name\" (function() ... end)",
    summary = "declare a test; `pathway test` runs the *_test.lua files",
    body = [[
pathway test [PATH...] runs every *_test.lua file given or found below the
directories given, each in its own globals, its tests in order. It prints
one line per test, the failing expectation's file:line, and last the line
"N passed, N failed[, N skipped]"; the exit status is 1 if any failed.]],
    example = "test \"sum\" (function() expect(1 + 1):equals(2) end)" },
  { name = "expect", signature = "expect(value) -> expectation",
    summary = "assert about a value in a test",
    body = [[
Matchers: :equals(v) (deep), :is_nil(), :is_true(), :is_false(),
:has_type(t), :matches(lua_pattern), :contains(x), :near(b [, tol]),
:raises(text) (value is a function whose error message contains text).
An expectation left without a matcher asserts that the value is truthy.]],
    example = "expect(function() error('boom') end):raises('boom')" },
  { name = "near", signature = "near(a, b [, tol])",
    summary = "assert that numbers (or arrays of numbers) are close",
    body = [[
Passes when |a - b| <= tol (default 1e-9), or with tol = {rel = r} when
|a - b| <= r * |b|. Arrays are compared element by element.]],
    example = "near(0.1 + 0.2, 0.3, 1e-15)" },
  { name = "skip", signature = "skip(reason)",
    summary = "end the running test as skipped, with the reason shown",
    example = "if not have_corpus then skip('../shared not found') end" },
  { name = "repl", signature = "pathway   (or pathway -i FILE.lua)",
    summary = "the interactive session: expressions show their values; dot-commands",
    body = [[
On a terminal, pathway with no script starts a session: Emacs keys,
history in $XDG_STATE_HOME/pathway/history (else ~/.pathway_history),
Ctrl-R searches it, Tab completes globals, members, methods, column names
inside a frame's expression strings and file paths. An expression shows
its value (frames as box tables fitted to the terminal); an unfinished
chunk continues after "..". Ctrl-C cancels the line or stops a running
computation, Ctrl-D leaves. Lines that start with "." are dot-commands:
.help lists them. docs/repl.md has the details.]],
    example = "> .load visits.csv AS v\n> v:filter('gene == \"CPS1\"'):nrow()" },
  { name = ".help", signature = ".help [NAME]",
    summary = "list the dot-commands, or show the reference entry NAME",
    body = [[
NAME is anything `pathway help` knows: a dot-command (.load or load), a
global (csv.read, stats.km) or a topic (expressions, repl).]],
    example = ".help stats.km" },
  { name = ".load", signature = ".load FILE.csv [AS name]",
    summary = "read a CSV file into the global `name` (default: the file's name)",
    body = [[
The same as `name = csv.read("FILE.csv")`, which is what .save writes. The
default name is the file's base name without its extension, with anything
but letters, digits and _ made _ (visits-2024.csv -> visits_2024). Quote a
path with spaces: .load "my visits.csv" AS v.]],
    example = ".load ../shared/bench/visits_1m.csv AS visits" },
  { name = ".schema", signature = ".schema NAME",
    summary = "the columns of a frame: type, NA count, distinct values, examples",
    body = [[
One row per column: its type (int num bool date str), how many values are
NA, how many distinct non-NA values it holds, and up to three distinct
example values from its first rows.]],
    example = ".schema visits" },
  { name = ".timer", signature = ".timer on|off",
    summary = "show the wall time and rows read per second after each input",
    body = [[
After each input: its wall time and, when frame operations ran, the rows
they read (a filter of a 1M-row frame reads 1M rows) and the rate.
.timer alone says whether it is on.]],
    example = ".timer on" },
  { name = ".run", signature = ".run FILE.lua",
    summary = "run a script in this session; its globals stay",
    body = [[
The same as dofile("FILE.lua"), which is what .save writes; criteria it
declares join the session's.]],
    example = ".run examples/cps1-base-editing/review.lua" },
  { name = ".review", signature = ".review",
    summary = "evaluate the criteria declared so far; show the verdict table",
    body = [[
Runs every declared criterion as `pathway review` does and shows one line
per criterion (name, element, verdict, reason) and the summary line. In a
session a criterion may be declared again; the new one replaces the old.]],
    example = ".review" },
  { name = ".save", signature = ".save FILE.lua",
    summary = "write this session's successful inputs as a script",
    body = [[
Inputs that ran without error, in order: statements as typed, expressions
whose values were shown as print(...), .load and .run as the Lua they
stand for. A criterion declared again keeps only its last declaration.
The file is written atomically (a temporary file, then renamed).]],
    example = ".save explore.lua" },
  { name = ".quit", signature = ".quit",
    summary = "leave the session (as Ctrl-D does)",
    example = ".quit" },
}
