import { accountsGetDetail } from './get-detail.ts';

export const accounts = [accountsGetDetail];
