import { appsKillMaster } from './kill-master.ts';

export const apps = [appsKillMaster];
