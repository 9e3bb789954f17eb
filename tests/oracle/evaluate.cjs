#!/usr/bin/env node
// Test oracle for codegen: runs a TypeScript module for real (TypeScript's own
// transpiler + Node) and prints the values of the named exports as one JSON
// object, in the same encoding codegen uses.
//
// usage: node evaluate.cjs FILE.ts NAME [NAME...]
//        node evaluate.cjs --batch   (JSON requests on stdin, one per line)
//        node evaluate.cjs --identifier-chars   (which code points may start or
//          continue an identifier, as TypeScript's scanner decides for ES2022)
'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  // transpileModule works file by file (isolatedModules), so it cannot inline
  // `const enum` members: references stay `E.A` property reads, and the enum
  // object is emitted like a regular enum's so those reads work, within a file
  // and across imports. TS 5.9 already does this by default (isolatedModules
  // implies it); stated here so it does not depend on that default.
  preserveConstEnums: true,
};

// ---------------------------------------------------------------------------
// Loading .ts files

require.extensions['.ts'] = function loadTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: COMPILER_OPTIONS,
    fileName: filename,
    reportDiagnostics: true,
  });
  // Only syntax errors are reported here (no type checking); refuse to run
  // code TypeScript itself could not parse.
  const errors = (out.diagnostics || []).filter(
    (d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) {
    throw new SyntaxError(errors.map((d) => formatDiagnostic(d)).join('\n'));
  }
  module._compile(out.outputText, filename);
};

function formatDiagnostic(d) {
  const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (!d.file || d.start === undefined) return msg;
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return `${d.file.fileName}:${line + 1}:${character + 1}: ${msg}`;
}

// ---------------------------------------------------------------------------
// Resolving imports the way TypeScript would (the subset we need)

function isFile(p) {
  try { return fs.statSync(p).isFile(); } catch { return false; }
}

// Absolute path -> the .ts file it names, or null. Handles `x.ts`, `x`
// (-> x.ts), `x.js` (-> x.ts, TS's ESM-style imports) and `x/` (-> x/index.ts).
function resolveTs(p) {
  const candidates = [];
  if (p.endsWith('.js')) candidates.push(p.slice(0, -3) + '.ts');
  if (p.endsWith('.ts')) candidates.push(p);
  candidates.push(p + '.ts', path.join(p, 'index.ts'));
  return candidates.find(isFile) || null;
}

// compilerOptions.baseUrl / paths from the nearest tsconfig.json above the
// entry file (`extends` is followed by TypeScript's own config parser).
function loadTsconfig(entryFile) {
  const configPath = ts.findConfigFile(path.dirname(entryFile), ts.sys.fileExists);
  if (!configPath) return {};
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw new Error(formatDiagnostic(read.error));
  const parsed = ts.parseJsonConfigFileContent(
    read.config, ts.sys, path.dirname(configPath), undefined, configPath);
  const { baseUrl, paths, pathsBasePath } = parsed.options;
  // `paths` without `baseUrl` are relative to the tsconfig that declares them.
  return { baseUrl, paths, pathsDir: baseUrl || pathsBasePath };
}

// Candidate absolute paths for a bare specifier from `paths`. As in TS: an
// exact pattern wins, otherwise the `*` pattern with the longest prefix.
function pathsCandidates(request, { paths, pathsDir }) {
  if (!paths) return [];
  let best = null;
  let bestStar = '';
  let bestPrefixLen = -1;
  for (const pattern of Object.keys(paths)) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === request) { best = pattern; bestStar = ''; break; }
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (request.length >= prefix.length + suffix.length &&
        request.startsWith(prefix) && request.endsWith(suffix) &&
        prefix.length > bestPrefixLen) {
      best = pattern;
      bestPrefixLen = prefix.length;
      bestStar = request.slice(prefix.length, request.length - suffix.length);
    }
  }
  if (best === null) return [];
  return paths[best].map((sub) => path.resolve(pathsDir, sub.replace('*', bestStar)));
}

let tsconfig = {};
const nodeResolve = Module._resolveFilename;

Module._resolveFilename = function (request, parent, ...rest) {
  // Only imports written in .ts files get TypeScript's rules.
  if (parent && parent.filename && parent.filename.endsWith('.ts')) {
    const relative = request.startsWith('./') || request.startsWith('../') ||
      request === '.' || request === '..' || path.isAbsolute(request);
    const candidates = relative
      ? [path.resolve(path.dirname(parent.filename), request)]
      : pathsCandidates(request, tsconfig);
    if (!relative && tsconfig.baseUrl) candidates.push(path.resolve(tsconfig.baseUrl, request));
    for (const candidate of candidates) {
      const found = resolveTs(candidate);
      if (found) return found;
      // A mapped path may also name a .js/.json file or a directory.
      if (!relative) {
        try { return nodeResolve.call(this, candidate, parent, ...rest); } catch { /* next */ }
      }
    }
  }
  return nodeResolve.call(this, request, parent, ...rest);
};

// ---------------------------------------------------------------------------
// Encoding values (the contract shared with codegen's Python side)

function encode(value, stack = new Set()) {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value); // lone surrogates come out as \udXXX
    case 'number':
      if (Object.is(value, -0)) return '{"$number":"-0"}';
      if (!Number.isFinite(value)) return `{"$number":"${value}"}`; // NaN, Infinity, -Infinity
      return JSON.stringify(value);
    case 'bigint':
      return `{"$bigint":"${value.toString()}"}`;
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'null';
    case 'function':
      return '"<function>"';
    case 'symbol':
      throw new Error(`cannot encode ${String(value)}`);
  }
  if (value === null) return 'null';
  if (stack.has(value)) throw new Error('cannot encode a cyclic value');
  stack.add(value);
  let out;
  if (Array.isArray(value)) {
    // Index loop rather than map(): map() skips holes.
    const items = [];
    for (let i = 0; i < value.length; i++) items.push(encode(value[i], stack));
    out = `[${items.join(',')}]`;
  } else if (Object.prototype.toString.call(value) === '[object Object]') {
    // Plain objects and class instances: own enumerable string keys in
    // Object.keys order (integer-like keys first, ascending).
    out = `{${Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${encode(value[k], stack)}`).join(',')}}`;
  } else if (value instanceof Map) {
    // Entries, then items, in insertion order; a RegExp as its literal text.
    const pairs = [...value].map(([k, v]) => `[${encode(k, stack)},${encode(v, stack)}]`);
    out = `{"$map":[${pairs.join(',')}]}`;
  } else if (value instanceof Set) {
    out = `{"$set":[${[...value].map((item) => encode(item, stack)).join(',')}]}`;
  } else if (value instanceof RegExp) {
    out = `{"$regexp":${JSON.stringify(String(value))}}`;
  } else {
    // Date, boxed primitives, class instances of other kinds...: no encoding agreed.
    throw new Error(`cannot encode ${Object.prototype.toString.call(value)}`);
  }
  stack.delete(value);
  return out;
}

// ---------------------------------------------------------------------------

class OracleError extends Error {}

// The values of the named exports of one file, encoded as one JSON object.
function evaluateFile(fileArg, names) {
  const file = path.resolve(fileArg);
  let exports;
  try {
    tsconfig = loadTsconfig(file);
    exports = require(file);
  } catch (e) {
    throw new OracleError(e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`);
  }

  const has = (name) => name !== '__esModule' && exports != null &&
    Object.prototype.hasOwnProperty.call(exports, name);
  const fields = [];
  const seen = new Set();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    let value;
    if (name === 'default' && !(exports != null && exports.__esModule)) {
      value = exports; // `export =` (or plain CommonJS): the module itself
    } else if (has(name)) {
      value = exports[name];
    } else {
      throw new OracleError(`${name} is not exported`);
    }
    let text;
    try {
      text = encode(value);
    } catch (e) {
      throw new OracleError(`${name}: ${e.message}`);
    }
    fields.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}

// --batch: one request per stdin line, {"file": ..., "names": [...]}; one answer
// per stdout line, the JSON object or {"$error": message}. Saves Node's start-up
// for property tests that evaluate hundreds of generated files.
function batch() {
  const lines = require('readline').createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let answer;
    try {
      const request = JSON.parse(line);
      answer = evaluateFile(request.file, request.names);
    } catch (e) {
      answer = JSON.stringify({ $error: e instanceof Error ? e.message : String(e) });
    }
    process.stdout.write(answer + '\n');
  });
}

// Code points as [first, last] ranges, for the two identifier predicates.
function identifierChars() {
  const ranges = (test) => {
    const out = [];
    for (let c = 0; c <= 0x10FFFF; c++) {
      if (!test(c)) continue;
      const last = out[out.length - 1];
      if (last && last[1] === c - 1) last[1] = c; else out.push([c, c]);
    }
    return out;
  };
  const target = ts.ScriptTarget.ES2022;
  process.stdout.write(JSON.stringify({
    start: ranges((c) => ts.isIdentifierStart(c, target)),
    part: ranges((c) => ts.isIdentifierPart(c, target)),
  }) + '\n');
}

function main(argv) {
  if (argv[0] === '--batch') return batch();
  if (argv[0] === '--identifier-chars') return identifierChars();
  if (argv.length < 2) {
    process.stderr.write('usage: node evaluate.cjs FILE.ts NAME [NAME...] | --batch\n');
    process.exit(2);
  }
  try {
    process.stdout.write(evaluateFile(argv[0], argv.slice(1)) + '\n');
  } catch (e) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
}

main(process.argv.slice(2));
