#!/usr/bin/env node
// Generates TypeScript from proto/ into libs/contracts/src/gen with buf + ts-proto (both from npm).
'use strict';
const { execFileSync } = require('node:child_process');
const { rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const buf = path.join(root, 'node_modules', '.bin', 'buf');
rmSync(path.join(root, 'libs/contracts/src/gen'), { recursive: true, force: true });
execFileSync(buf, ['generate', '--template', 'buf.gen.yaml'], { cwd: root, stdio: 'inherit' });
require('./gen-descriptor-set.js');
