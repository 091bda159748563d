import { aiAppsGetDetail } from './get-detail.ts';
import { aiAppsGetList } from './get-list.ts';
import { aiAppsKill } from './kill.ts';
import { aiAppsSubmit } from './submit.ts';

/** In the order of the Data Forest overview. */
export const aiApps = [aiAppsSubmit, aiAppsGetList, aiAppsGetDetail, aiAppsKill];
