// Entry point: the civil-status adapter as a process (settings, --help, signals: the SDK's).
import { runAdapter } from '@ndxp/adapter-sdk';
import { civilStatusAdapter } from './adapter';

runAdapter(civilStatusAdapter);
