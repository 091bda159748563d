import type { Operation } from '../../_shared/operation.ts';

export const aiApps: Operation[] = [];
