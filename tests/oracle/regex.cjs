#!/usr/bin/env node
// Regex oracle for codegen's JavaScript-to-Python regex translator (codegen/mirror/regex.py).
// Reads one JSON request per stdin line and answers each with one JSON line. Strings travel
// both ways as arrays of UTF-16 code units, so lone surrogates survive JSON.
//
//   {"source": [units], "flags": "gi", "inputs": [[units], ...]}
//     -> {"results": [null | {"index": n, "groups": [[units] | null, ...]}, ...]}
//        (`groups[0]` is the whole match; `exec` runs once per input on a fresh RegExp)
//   {"source": [units], "flags": "u", "members": [first, last]}
//     -> {"ranges": [[lo, hi], ...]}: the code points c in [first, last] (code units without
//        the `u` flag) whose one-character string `^(?:source)$` matches
//   either -> {"error": message} when the RegExp constructor throws.
'use strict';

const readline = require('readline');

const text = (units) => String.fromCharCode(...units);
const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

function exec(source, flags, inputs) {
  new RegExp(source, flags); // throws on a syntax error before any input runs
  return {
    results: inputs.map((input) => {
      const match = new RegExp(source, flags).exec(text(input));
      if (match === null) return null;
      return { index: match.index, groups: Array.from(match, (g) => (g === undefined ? null : units(g))) };
    }),
  };
}

function members(source, flags, [first, last]) {
  const re = new RegExp(`^(?:${source})$`, flags);
  const ranges = [];
  for (let c = first; c <= last; c++) {
    if (re.test(String.fromCodePoint(c))) {
      if (ranges.length && ranges[ranges.length - 1][1] === c - 1) ranges[ranges.length - 1][1] = c;
      else ranges.push([c, c]);
    }
  }
  return { ranges };
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', (line) => {
  if (!line.trim()) return;
  const request = JSON.parse(line);
  let answer;
  try {
    const source = text(request.source);
    answer = request.members
      ? members(source, request.flags, request.members)
      : exec(source, request.flags, request.inputs);
  } catch (error) {
    answer = { error: String(error && error.message) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
