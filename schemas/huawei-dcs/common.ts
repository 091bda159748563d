import { z } from 'zod';
import { ProjectId } from '../_huawei/common.ts';

export const DOCS = 'https://support.huaweicloud.com/intl/en-us/api-dcs';

export const InstanceId = z
  .uuid()
  .meta({ description: 'DCS instance ID (a UUID).', example: '5560df16-cebf-4473-95c4-d1b573c16e79' });

export const InstancePath = z.object({ project_id: ProjectId, instance_id: InstanceId });
