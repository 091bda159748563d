import { z } from 'zod';
import { huaweiErrors, ProjectId } from '../../_huawei/common.ts';
import { defineOperation } from '../../_shared/operation.ts';
import { DOCS, EXAMPLE, JobId } from '../common.ts';

const EpochMillis = z.string().regex(/^\d+$/, 'epoch milliseconds as a string of digits');

export const ShowJobInfoResponse = z
  .object({
    job_id: JobId,
    job_type: z.string().optional().meta({
      description:
        'What the job does, e.g. masterStandbySwapJob, modifyClientIpTransJob, createDCSInstance, backupDCSInstance; no value is documented for kill jobs.',
      example: 'masterStandbySwapJob',
    }),
    status: z.enum(['INIT', 'RUNNING', 'SUCCESS', 'FAIL']).meta({ description: 'SUCCESS and FAIL are final.' }),
    begin_time: EpochMillis.optional().meta({ description: 'Start time, epoch milliseconds.', example: '1684191545379' }),
    end_time: EpochMillis.optional().meta({ description: 'End time, epoch milliseconds.', example: '1684191548248' }),
    fail_reason: z.string().nullable().optional().meta({ description: 'Why the job failed; null otherwise.' }),
  })
  .meta({ id: 'ShowJobInfoResponse' });

export const showJobInfo = defineOperation({
  operationId: 'showJobInfo',
  method: 'get',
  path: '/v2/{project_id}/jobs/{job_id}',
  summary: 'Get the result of a job',
  description:
    'Reports the state of an asynchronous job of the tenant, such as the one a kill-all request starts: INIT or RUNNING while it works, then SUCCESS or FAIL with the reason.',
  tags: ['Jobs'],
  docUrl: `${DOCS}/ShowJobInfo.html`,
  safety: 'read',
  request: { params: z.object({ project_id: ProjectId, job_id: JobId }) },
  responses: {
    200: { description: 'The job.', body: ShowJobInfoResponse },
    ...huaweiErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A finished master/standby switchover (the documented response)',
      request: { params: { project_id: EXAMPLE.projectId, job_id: 'ff8080818822bbf70188235afc24141a' } },
      response: {
        status: 200,
        body: {
          job_id: 'ff8080818822bbf70188235afc24141a',
          job_type: 'masterStandbySwapJob',
          status: 'SUCCESS',
          begin_time: '1684191545379',
          end_time: '1684191548248',
          fail_reason: null,
        },
      },
    },
    {
      name: 'kill-running',
      summary: 'The job a kill-all request returned, still running',
      request: { params: { project_id: EXAMPLE.projectId, job_id: EXAMPLE.killJobId } },
      response: { status: 200, body: { job_id: EXAMPLE.killJobId, status: 'RUNNING', begin_time: '1719567002314' } },
    },
    {
      name: 'invalid-parameter',
      summary: 'The documented 400 answer; its message keeps the unfilled {0} placeholder',
      outcome: {
        from: 'request',
        why: 'the job id names no job of the project',
        nonexistent: '/params/job_id',
        equivalent: {
          statuses: [400, 404],
          why: 'the page shows this 400 without its request, and DCS answers other unknown ids with 404',
        },
      },
      request: { params: { project_id: EXAMPLE.projectId, job_id: 'ff8080818822bbf70188235afc24141b' } },
      response: { status: 400, body: { error_code: '111400063', error_msg: 'Invalid {0} parameter in the request.' } },
    },
  ],
  inputs: [
    {
      target: '/params/job_id',
      from: {
        values: 'required',
        why: 'a job exists only once an asynchronous operation (a kill, a scan) has started one',
      },
    },
  ],
  docNotes: [
    'The page shows its 400 (111400063 "Invalid {0} parameter") without the request that caused it; the example reads it as the answer to a job id that names no job of the project, the request\'s only other parameter being the project. A live run sends a fresh job id there and also counts 404, the status DCS gives other unknown ids (DCS.4001, DCS.3022).',
    'job_type is documented as an enum, but the lists differ (two values in the SDKs and older pages, nine on the current page) and none covers kill jobs, which this operation is used to follow; the schema accepts any string so a kill job is not reported as drift.',
    'Job ids are documented only as strings; every example is 32 lower-case hex characters, which JobId requires.',
    'The OTC edition of this page shows the background-task progress URL as its example request; the path here is the one the reference table and the SDKs give.',
    'Whether end_time and fail_reason are absent, empty or null while a job runs is not documented; end_time is optional and fail_reason may be null.',
  ],
});
