// Entry point: the Business Registration adapter as a process answering from the simulator's dataset
// in-process (SIM_SEED, SIM_SIZE as the simulator reads them), for the benchmark's mesh and for
// startMesh({ adapterUpstream: 'memory' }) in the end-to-end and fuzz tests. Not a production entry.
import { runAdapter } from '@ndxp/adapter-sdk';
import { defineBusinessRegistrationAdapter } from '@ndxp/adapter-business-registration';
import { createDataset, DEFAULT_SEED, DEFAULT_SIZE } from '@ndxp/simulator-business-registration';
import { memorySource } from './memory-source';

const seed = process.env['SIM_SEED'] || DEFAULT_SEED;
const size = Number(process.env['SIM_SIZE'] || DEFAULT_SIZE);
if (!Number.isSafeInteger(size) || size < 1 || size > 5_000_000) {
  process.stderr.write(`adapter-business-registration: configuration error: SIM_SIZE must be an integer 1..5000000\n`);
  process.exit(2);
}

runAdapter(defineBusinessRegistrationAdapter(() => memorySource(createDataset({ seed, size }))));
