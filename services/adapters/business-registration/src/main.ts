// Entry point: the Business Registration adapter as a process (settings, --help, signals: the SDK's).
import { runAdapter } from '@ndxp/adapter-sdk';
import { businessRegistrationAdapter } from './adapter';

runAdapter(businessRegistrationAdapter);
