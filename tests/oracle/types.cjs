#!/usr/bin/env node
// Checker oracle for codegen's types: asks the TypeScript type checker what a
// named type is, so that codegen's type evaluator can be compared with it.
//
// usage: node types.cjs FILE.ts NAME [NAME...]
//
// Prints one line of JSON: {"NAME": description, ...}, in the order given.
// A NAME is a type alias or an interface declared at the top level of FILE.ts
// (exported or not). A description is one of
//   {"literals": [...]}    a finite union of literal types (strings, numbers,
//                           booleans, bigints as {"$bigint": "1"}, null,
//                           undefined as {"$undefined": true}), sorted by
//                           their JSON text: the checker's own union order
//                           follows type ids, which no source spelling shows;
//   {"object": {"prop": {"optional": bool, "type": description}, ...}}
//                           an object type's properties, in declaration order;
//   {"array": description}  T[] and readonly T[];
//   {"tuple": [description, ...]}
//   {"union": [description, ...]}  any other union, its members described one by
//                           one (a literal as {"literals": [value]}), sorted
//                           by their JSON text;
//   {"function": true}      a type with call or construct signatures;
//   {"builtin": "Map", "args": [description, ...]}  Map, Set (their Readonly
//                           forms too), RegExp and Date from the library;
//   {"other": "text"}       anything else, as the checker prints it.
// A name whose declaration holds a type error is {"error": "message"}. Exit 2
// with `error: ...` on stderr for any other error, or when a name is not a
// top-level type of FILE.ts.
'use strict';

const path = require('path');
const ts = require('typescript');

const OPTIONS = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
};

const BUILTINS = {
  Map: 'Map', ReadonlyMap: 'Map', Set: 'Set', ReadonlySet: 'Set', RegExp: 'RegExp', Date: 'Date',
};

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

function literal(type, checker) {
  const flags = type.flags;
  if (flags & ts.TypeFlags.StringLiteral || flags & ts.TypeFlags.NumberLiteral) {
    return { ok: true, value: type.value };
  }
  if (flags & ts.TypeFlags.BigIntLiteral) {
    const { negative, base10Value } = type.value;
    return { ok: true, value: { $bigint: (negative ? '-' : '') + base10Value } };
  }
  if (flags & ts.TypeFlags.BooleanLiteral) {
    return { ok: true, value: checker.typeToString(type) === 'true' };
  }
  if (flags & ts.TypeFlags.Null) return { ok: true, value: null };
  if (flags & ts.TypeFlags.Undefined) return { ok: true, value: { $undefined: true } };
  return { ok: false };
}

function unwrap(type) {
  while (type.flags & ts.TypeFlags.Substitution) type = type.baseType;  // `A extends B ? A : C`
  return type;
}

function describe(type, checker, depth) {
  type = unwrap(type);
  if (depth > 20) return { other: checker.typeToString(type) };
  // Members may themselves be substitution types (`[A, B extends C ? A : D][number]`).
  const parts = (type.isUnion() ? type.types : [type]).map(unwrap);
  const literals = parts.map((t) => literal(t, checker));
  if (literals.every((l) => l.ok)) {
    const values = [...new Map(literals.map((l) => [JSON.stringify(l.value), l.value])).values()];
    values.sort((a, b) => {
      const x = JSON.stringify(a);
      const y = JSON.stringify(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return { literals: values };
  }
  if (type.isIntersection()) {
    // `string & {}` (the idiom that keeps editor suggestions) holds exactly the strings.
    const primitive = type.types.filter((t) => !(t.flags & ts.TypeFlags.Object));
    const rest = type.types.filter((t) => t.flags & ts.TypeFlags.Object);
    if (primitive.length === 1 && rest.every((t) => !checker.getPropertiesOfType(t).length)) {
      return describe(primitive[0], checker, depth + 1);
    }
  }
  if (type.isUnion()) {
    const described = [...new Set(
      parts.map((t) => JSON.stringify(describe(t, checker, depth + 1))))];
    described.sort();
    return { union: described.map((text) => JSON.parse(text)) };
  }
  if (type.getCallSignatures().length || type.getConstructSignatures().length) {
    return { function: true };
  }
  const symbol = type.getSymbol();
  const library = symbol && (symbol.declarations || []).some(
    (d) => d.getSourceFile().hasNoDefaultLib);
  if (library && BUILTINS[symbol.getName()]) {
    const args = type.objectFlags & ts.ObjectFlags.Reference ? checker.getTypeArguments(type) : [];
    return {
      builtin: BUILTINS[symbol.getName()],
      args: args.map((t) => describe(t, checker, depth + 1)),
    };
  }
  if (checker.isTupleType(type)) {
    return { tuple: checker.getTypeArguments(type).map((t) => describe(t, checker, depth + 1)) };
  }
  if (checker.isArrayType(type)) {
    return { array: describe(checker.getTypeArguments(type)[0], checker, depth + 1) };
  }
  if (type.flags & ts.TypeFlags.Object || type.isIntersection()) {
    const object = {};
    for (const symbol of checker.getPropertiesOfType(type)) {
      const declaration = symbol.valueDeclaration || (symbol.declarations || [])[0];
      const propertyType = declaration
        ? checker.getTypeOfSymbolAtLocation(symbol, declaration)
        : checker.getTypeOfSymbol(symbol);
      object[symbol.getName()] = {
        optional: Boolean(symbol.flags & ts.SymbolFlags.Optional),
        type: describe(propertyType, checker, depth + 1),
      };
    }
    return { object };
  }
  return { other: checker.typeToString(type) };
}

function main(argv) {
  if (argv.length < 2) fail('usage: node types.cjs FILE.ts NAME [NAME...]');
  const file = path.resolve(argv[0]);
  const program = ts.createProgram([file], OPTIONS);
  const errors = ts.getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  // An error inside a requested declaration is that name's answer; any other fails the run.
  const requested = argv.slice(1).map((name) => source.statements.find(
    (s) => (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name.text === name));
  const errorOf = new Map();
  const elsewhere = [];
  for (const d of errors) {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const owner = d.file === source && requested.find(
      (s) => s && d.start >= s.pos && d.start < s.end);
    if (owner) errorOf.set(owner.name.text, text);
    else elsewhere.push(text);
  }
  if (elsewhere.length) fail(elsewhere.join('\n'));
  const declared = new Map();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement) || ts.isInterfaceDeclaration(statement)) {
      declared.set(statement.name.text, statement);
    }
  }
  const result = {};
  for (const name of argv.slice(1)) {
    const declaration = declared.get(name);
    if (!declaration) fail(`\`${name}\` is not a top-level type of ${argv[0]}`);
    if (errorOf.has(name)) {
      result[name] = { error: errorOf.get(name) };
      continue;
    }
    const type = checker.getTypeAtLocation(declaration.name);
    result[name] = describe(type, checker, 0);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main(process.argv.slice(2));
