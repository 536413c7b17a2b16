// Entry point: the VNPost adapter and its event relay as a process (settings, --help, signals: the SDK's).
import { runAdapter } from '@ndxp/adapter-sdk';
import { vnpostAdapter } from './adapter';

runAdapter(vnpostAdapter);
