import { notebooksCheckAvailableName } from './check-available-name.ts';
import { notebooksCreate } from './create.ts';
import { notebooksDelete } from './delete.ts';
import { notebooksGetDetail } from './get-detail.ts';
import { notebooksGetList } from './get-list.ts';
import { notebooksGetLoginKeyList } from './get-login-key-list.ts';
import { notebooksGetServerTypeList } from './get-server-type-list.ts';
import { notebooksGetSubnetDetail } from './get-subnet-detail.ts';
import { notebooksGetSubnetList } from './get-subnet-list.ts';
import { notebooksGetTypeList } from './get-type-list.ts';
import { notebooksGetUserConfigurationSpecList } from './get-user-configuration-spec-list.ts';
import { notebooksGetVpcDetail } from './get-vpc-detail.ts';
import { notebooksGetVpcList } from './get-vpc-list.ts';
import { notebooksRestart } from './restart.ts';
import { notebooksSetUserConfigurationList } from './set-user-configuration-list.ts';

/** In the order of the Data Forest overview. */
export const notebooks = [
  notebooksGetVpcList,
  notebooksGetVpcDetail,
  notebooksGetSubnetList,
  notebooksGetSubnetDetail,
  notebooksGetTypeList,
  notebooksGetServerTypeList,
  notebooksGetList,
  notebooksGetDetail,
  notebooksGetUserConfigurationSpecList,
  notebooksCheckAvailableName,
  notebooksGetLoginKeyList,
  notebooksRestart,
  notebooksDelete,
  notebooksCreate,
  notebooksSetUserConfigurationList,
];
