import { aiWorkspacesCheckAvailableName } from './check-available-name.ts';
import { aiWorkspacesCreate } from './create.ts';
import { aiWorkspacesDelete } from './delete.ts';
import { aiWorkspacesGetConfigurationList } from './get-configuration-list.ts';
import { aiWorkspacesGetDetail } from './get-detail.ts';
import { aiWorkspacesGetDockerImageList } from './get-docker-image-list.ts';
import { aiWorkspacesGetList } from './get-list.ts';
import { aiWorkspacesSetConfiguration } from './set-configuration.ts';

/** In the order of the Data Forest overview. */
export const aiWorkspaces = [
  aiWorkspacesCheckAvailableName,
  aiWorkspacesGetDockerImageList,
  aiWorkspacesCreate,
  aiWorkspacesGetList,
  aiWorkspacesGetDetail,
  aiWorkspacesGetConfigurationList,
  aiWorkspacesSetConfiguration,
  aiWorkspacesDelete,
];
