// Finds the environment variables a service reads, from its source: starting at the service's own
// files, it follows calls into the functions they call (the service's and the @ndxp libraries') and
// records envString(env, 'NAME', fallback), envInt/envBool/envEnum(...), envRequired(env, 'NAME'),
// env['NAME'] and process.env.NAME, with names built from arguments (runAdapter(definition) reads
// `${definition.envPrefix}_UPSTREAM_URL`) resolved at each call, and a read in a callback over a settings table
// (a simulator's own ints) once per row. A name it cannot resolve is reported, never guessed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** One variable a service reads. */
export interface EnvRead {
  name: string;
  /** Read with envRequired: the service refuses to start without it. */
  required: boolean;
  /** The default when unset (a string, number or boolean), undefined when none, or an Unknown. */
  fallback: unknown;
}

/** What discovery found for one service. */
export interface ServiceEnv {
  reads: Map<string, EnvRead>;
  /** Reads whose variable name could not be worked out from the source (file:line and expression). */
  unresolved: string[];
}

/** A value the evaluator cannot know statically (its source text, e.g. `${service}-${process.pid}`). */
export class Unknown {
  constructor(readonly text: string) {}
}

type Bindings = ReadonlyMap<string, unknown>;
type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

/** Finds env reads in the repository at root; one instance caches parsed files across services. */
export class EnvDiscovery {
  private readonly files = new Map<string, ts.SourceFile>();
  private readonly packages: Map<string, string>;

  constructor(private readonly root: string) {
    this.packages = workspacePackages(root);
  }

  /** The variables read by the service in serviceDir (relative to root), from its src/ files on. */
  discover(serviceDir: string): ServiceEnv {
    const result: ServiceEnv = { reads: new Map(), unresolved: [] };
    const visited = new Set<string>();
    for (const file of sourceFiles(join(this.root, serviceDir, 'src'))) {
      const sf = this.parse(file);
      // The file's own statements (main.ts's runService callback included); declared functions run when called.
      sf.statements.forEach((s) => {
        if (!isFunctionDeclaration(s)) this.walk(s, sf, new Map(), result, visited);
      });
    }
    return result;
  }

  private parse(file: string): ts.SourceFile {
    let sf = this.files.get(file);
    if (!sf) {
      sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      this.files.set(file, sf);
    }
    return sf;
  }

  private walk(node: ts.Node, sf: ts.SourceFile, bindings: Bindings, out: ServiceEnv, visited: Set<string>): void {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const callee = node.expression.text;
      if (/^env[A-Z]\w*$/.test(callee) && node.arguments.length >= 2) {
        // A read inside a callback over a settings table (Object.entries(table).map(([key, s]) => envInt(env, s.env, ...)))
        // is one read per row of the table, each with the row bound to the callback's parameter.
        for (const row of this.tableRows(node, sf, bindings)) {
          this.record(node.arguments[1]!, sf, row, out, {
            required: callee === 'envRequired',
            fallback: fallbackOf(callee, node.arguments, (a) => this.evaluate(a, sf, row)),
          });
        }
      } else {
        const target = this.resolveFunction(callee, sf);
        if (target) {
          const args = node.arguments.map((a) => this.evaluate(a, sf, bindings));
          const inner = new Map<string, unknown>();
          target.fn.parameters.forEach((p, i) => {
            if (ts.isIdentifier(p.name)) inner.set(p.name.text, args[i]);
          });
          const key = `${target.sf.fileName}:${target.fn.pos}:${JSON.stringify([...inner].map(([k, v]) => [k, v instanceof Unknown ? '?' : v]))}`;
          if (!visited.has(key)) {
            visited.add(key);
            if (target.fn.body) this.walk(target.fn.body, target.sf, inner, out, visited);
          }
        }
      }
    } else if (ts.isElementAccessExpression(node) && isEnvObject(node.expression)) {
      this.record(node.argumentExpression, sf, bindings, out, { required: false, fallback: undefined });
    } else if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression)) {
      out.reads.set(
        node.name.text,
        mergeRead(out.reads.get(node.name.text), { name: node.name.text, required: false, fallback: undefined }),
      );
    }
    // Functions declared inside a body run when called; inline callbacks are walked where they stand.
    if (!isFunctionDeclaration(node)) ts.forEachChild(node, (child) => this.walk(child, sf, bindings, out, visited));
  }

  /**
   * The bindings a call is evaluated with: just `bindings`, or, when the call stands in a callback of
   * `.map`/`.forEach` over `Object.entries(table)`, `Object.values(table)` or an array literal that
   * evaluates, one set per row with the callback's row parameter bound to that row.
   */
  private tableRows(call: ts.Node, sf: ts.SourceFile, bindings: Bindings): Bindings[] {
    let fn: ts.Node | undefined = call.parent;
    while (fn && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn) && !ts.isSourceFile(fn)) fn = fn.parent;
    if (!fn || ts.isSourceFile(fn)) return [bindings];
    const loop = fn.parent;
    if (
      !ts.isCallExpression(loop) ||
      !ts.isPropertyAccessExpression(loop.expression) ||
      !['map', 'forEach'].includes(loop.expression.name.text)
    )
      return [bindings];
    const source = loop.expression.expression;
    const param = fn.parameters[0]?.name;
    if (!param) return [bindings];
    const isObjectCall = (name: string): boolean =>
      ts.isCallExpression(source) &&
      ts.isPropertyAccessExpression(source.expression) &&
      ts.isIdentifier(source.expression.expression) &&
      source.expression.expression.text === 'Object' &&
      source.expression.name.text === name;
    const tableOf = (): unknown =>
      ts.isCallExpression(source) && source.arguments[0] ? this.evaluate(source.arguments[0], sf, bindings) : undefined;
    let rows: unknown[] | undefined;
    let rowName: string | undefined;
    if (isObjectCall('entries') && ts.isArrayBindingPattern(param)) {
      const table = tableOf();
      const second = param.elements[1];
      if (
        table &&
        typeof table === 'object' &&
        !(table instanceof Unknown) &&
        second &&
        ts.isBindingElement(second) &&
        ts.isIdentifier(second.name)
      ) {
        rows = Object.values(table);
        rowName = second.name.text;
      }
    } else if (isObjectCall('values') && ts.isIdentifier(param)) {
      const table = tableOf();
      if (table && typeof table === 'object' && !(table instanceof Unknown)) [rows, rowName] = [Object.values(table), param.text];
    }
    if (!rows || !rowName) return [bindings];
    const name = rowName;
    return rows.map((row) => new Map([...bindings, [name, row]]));
  }

  private record(nameNode: ts.Expression, sf: ts.SourceFile, bindings: Bindings, out: ServiceEnv, how: Omit<EnvRead, 'name'>): void {
    const name = this.evaluate(nameNode, sf, bindings);
    if (typeof name === 'string') out.reads.set(name, mergeRead(out.reads.get(name), { name, ...how }));
    else {
      const { line } = sf.getLineAndCharacterOfPosition(nameNode.getStart(sf));
      out.unresolved.push(`${sf.fileName}:${line + 1}: ${nameNode.getText(sf)}`);
    }
  }

  /** A statically known value of an expression: literals, templates, constants, parameters, object literals. */
  private evaluate(node: ts.Expression, sf: ts.SourceFile, bindings: Bindings): unknown {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
      return this.evaluate(node.expression, sf, bindings);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
      const v = this.evaluate(node.operand, sf, bindings);
      return typeof v === 'number' ? -v : new Unknown(node.getText(sf));
    }
    if (ts.isTemplateExpression(node)) {
      let text = node.head.text;
      let known = true;
      for (const span of node.templateSpans) {
        const v = this.evaluate(span.expression, sf, bindings);
        if (typeof v === 'string' || typeof v === 'number') text += String(v);
        else {
          known = false;
          text += `\${${span.expression.getText(sf)}}`;
        }
        text += span.literal.text;
      }
      return known ? text : new Unknown(text);
    }
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) {
      const left = this.evaluate(node.left, sf, bindings);
      return left === undefined ? this.evaluate(node.right, sf, bindings) : left;
    }
    // defineAdapter(definition) returns its argument: an adapter's settings are read from that object.
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineAdapter' && node.arguments[0])
      return this.evaluate(node.arguments[0], sf, bindings);
    if (ts.isObjectLiteralExpression(node)) {
      const obj: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)))
          obj[p.name.text] = this.evaluate(p.initializer, sf, bindings);
        else if (ts.isShorthandPropertyAssignment(p)) obj[p.name.text] = this.evaluate(p.name, sf, bindings);
      }
      return obj;
    }
    if (ts.isPropertyAccessExpression(node)) {
      const target = this.evaluate(node.expression, sf, bindings);
      if (typeof target === 'object' && target !== null && !(target instanceof Unknown))
        return (target as Record<string, unknown>)[node.name.text];
      return new Unknown(node.getText(sf));
    }
    if (ts.isIdentifier(node)) {
      if (node.text === 'undefined') return undefined;
      if (bindings.has(node.text)) return bindings.get(node.text);
      const local = findConst(node, node.text);
      if (local?.initializer) return this.evaluate(local.initializer, local.getSourceFile(), bindings);
      const imported = this.resolveConst(node.text, sf);
      if (imported?.decl.initializer) return this.evaluate(imported.decl.initializer, imported.sf, new Map());
    }
    return new Unknown(node.getText(sf));
  }

  /** A function named name visible in sf: declared there, or imported from a relative file or an @ndxp package. */
  private resolveFunction(name: string, sf: ts.SourceFile): { fn: FunctionNode; sf: ts.SourceFile } | undefined {
    for (const file of this.candidates(name, sf)) {
      const target = this.parse(file);
      for (const s of target.statements) {
        if (ts.isFunctionDeclaration(s) && s.name?.text === name && s.body) return { fn: s, sf: target };
        if (ts.isVariableStatement(s))
          for (const d of s.declarationList.declarations)
            if (
              ts.isIdentifier(d.name) &&
              d.name.text === name &&
              d.initializer &&
              (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
            )
              return { fn: d.initializer, sf: target };
      }
    }
    return undefined;
  }

  private resolveConst(name: string, sf: ts.SourceFile): { decl: ts.VariableDeclaration; sf: ts.SourceFile } | undefined {
    for (const file of this.candidates(name, sf)) {
      const target = this.parse(file);
      for (const s of target.statements)
        if (ts.isVariableStatement(s))
          for (const d of s.declarationList.declarations)
            if (ts.isIdentifier(d.name) && d.name.text === name) return { decl: d, sf: target };
    }
    return undefined;
  }

  /** Files that may declare name as seen from sf: sf itself, then the module it is imported from. */
  private candidates(name: string, sf: ts.SourceFile): string[] {
    for (const s of sf.statements) {
      if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
      const bindings = s.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      const element = bindings.elements.find((e) => e.name.text === name);
      if (!element) continue;
      const spec = s.moduleSpecifier.text;
      if (spec.startsWith('.')) return [resolveModule(resolve(dirname(sf.fileName), spec))].filter((f): f is string => f !== undefined);
      const pkg = this.packages.get(spec);
      return pkg ? sourceFiles(join(pkg, 'src')) : [];
    }
    return [sf.fileName];
  }
}

/** The default argument of an env helper: envEnum(env, name, allowed, fallback), the others (env, name, fallback). */
function fallbackOf(callee: string, args: ts.NodeArray<ts.Expression>, evaluate: (e: ts.Expression) => unknown): unknown {
  if (callee === 'envRequired') return undefined;
  const arg = args[callee === 'envEnum' ? 3 : 2];
  return arg === undefined ? undefined : evaluate(arg);
}

function mergeRead(previous: EnvRead | undefined, next: EnvRead): EnvRead {
  if (!previous) return next;
  return { name: next.name, required: previous.required || next.required, fallback: previous.fallback ?? next.fallback };
}

const isFunctionDeclaration = (n: ts.Node): boolean => ts.isFunctionDeclaration(n);
const isProcessEnv = (n: ts.Expression): boolean =>
  ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'process' && n.name.text === 'env';
const isEnvObject = (n: ts.Expression): boolean => (ts.isIdentifier(n) && n.text === 'env') || isProcessEnv(n);

/** The nearest `const name = ...` in the functions enclosing node. */
function findConst(node: ts.Node, name: string): ts.VariableDeclaration | undefined {
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope)) continue;
    for (const s of scope.statements)
      if (ts.isVariableStatement(s) && s.declarationList.flags & ts.NodeFlags.Const)
        for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
  }
  return undefined;
}

function resolveModule(base: string): string | undefined {
  return [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
}

/** Non-test TypeScript files under dir, recursively (generated contracts excluded: they read no env). */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'gen' && entry !== 'node_modules') out.push(...sourceFiles(path));
    } else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out.sort();
}

/** Package name → directory of every workspace package with a src/ folder. */
function workspacePackages(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (dir: string, depth: number): void => {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && existsSync(join(dir, 'src'))) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name) out.set(name, dir);
    }
    if (depth === 0) return;
    for (const entry of readdirSync(dir))
      if (entry !== 'node_modules' && !entry.startsWith('.') && statSync(join(dir, entry)).isDirectory())
        visit(join(dir, entry), depth - 1);
  };
  for (const top of ['libs', 'services']) visit(join(root, top), 2);
  return out;
}
