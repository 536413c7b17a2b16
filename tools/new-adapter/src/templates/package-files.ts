// Templates of a new package's package.json and tsconfig.json: what the adapter and the simulator share.

/** What differs between the packages' package.json files. */
export interface PackageJsonFields {
  name: string;
  description: string;
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** package.json of a private workspace package built to dist/ with one entry (its src/index.ts). */
export function packageJson(fields: PackageJsonFields): string {
  const { name, description, dependencies, devDependencies } = fields;
  return `${JSON.stringify(
    {
      name,
      version: '0.1.0',
      private: true,
      description,
      main: 'dist/index.js',
      types: 'dist/index.d.ts',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      dependencies,
      ...(devDependencies ? { devDependencies } : {}),
    },
    null,
    2,
  )}\n`;
}

/** tsconfig.json of a package under services/<kind>/<system>, referencing these libs/ packages (e.g. 'contracts'). */
export function packageTsconfig(libs: readonly string[]): string {
  const references = libs.map((lib) => `{ "path": "../../../libs/${lib}" }`).join(', ');
  return `{
  "extends": "../../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"],
  "references": [${references}]
}
`;
}
