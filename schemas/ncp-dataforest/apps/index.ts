import { appsCheckAvailableName } from './check-available-name.ts';
import { appsCreate } from './create.ts';
import { appsDelete } from './delete.ts';
import { appsGetAppBasicSetting } from './get-app-basic-setting.ts';
import { appsGetAppTypeIdList } from './get-app-type-id-list.ts';
import { appsGetAppTypeTemplate } from './get-app-type-template.ts';
import { appsGetDetail } from './get-detail.ts';
import { appsGetList } from './get-list.ts';
import { appsKillContainer } from './kill-container.ts';
import { appsKillMaster } from './kill-master.ts';
import { appsSetContainerCount } from './set-container-count.ts';
import { appsSetLifetime } from './set-lifetime.ts';
import { appsStart } from './start.ts';
import { appsStop } from './stop.ts';

/** In the order of the Data Forest overview. */
export const apps = [
  appsCheckAvailableName,
  appsGetAppTypeIdList,
  appsGetAppBasicSetting,
  appsGetAppTypeTemplate,
  appsCreate,
  appsGetList,
  appsGetDetail,
  appsKillContainer,
  appsKillMaster,
  appsSetContainerCount,
  appsSetLifetime,
  appsStart,
  appsStop,
  appsDelete,
];
