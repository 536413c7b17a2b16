// Entry point: the budget-unit codes adapter as a process (settings, --help, signals: the SDK's).
import { runAdapter } from '@ndxp/adapter-sdk';
import { budgetUnitsAdapter } from './adapter';

runAdapter(budgetUnitsAdapter);
