import type { Operation } from '../../_shared/operation.ts';

export const notebooks: Operation[] = [];
