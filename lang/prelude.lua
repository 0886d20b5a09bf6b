-- prelude.lua: the globals pathway adds to every script's environment.
-- Exports: a table of name -> value, merged into the scripts' globals.
local require = require
local test = require "pathway.test"
local json = require "json"
local frame = require "frame"
local csv = require "csv"
local hgvs = require "hgvs"
local re = require "re"
local editing = require "editing"
local stats = require "stats"
local expr = require "expr"
local variants = require "pathway.variants"
local nh = require "pathway.nh"
local review = require "pathway.review"
local platform = require "pathway.platform"
local rwe = require "pathway.rwe"
local plot = require "pathway.plot"
local report = require "pathway.report"
_ENV = nil

return {
  json = json,
  frame = frame,
  csv = csv,
  hgvs = hgvs,
  re = re,
  editing = editing,
  stats = stats,
  expr = expr,
  variants = variants,
  nh = nh,
  review = review,
  platform = platform,
  rwe = rwe,
  plot = plot,
  report = { render = report.render, json = report.json },
  pathway = review.pathway,
  criterion = review.criterion,
  met = review.met,
  not_met = review.not_met,
  insufficient = review.insufficient,
  rule = variants.rule,
  test = test.test,
  expect = test.expect,
  near = test.near,
  skip = test.skip,
}
