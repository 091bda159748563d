import { z } from 'zod';
import { defineOperation } from '../../_shared/operation.ts';
import { allowedValues, requiredWhen } from '../../_shared/spec-rules.ts';
import { DOCS, idResponse, ncpErrors, ResourceId } from '../common.ts';
import { NotebookName } from './check-available-name.ts';
import { SubnetNo } from './get-subnet-list.ts';
import { NotebookTypeCode, NotebookTypeName } from './get-type-list.ts';
import { VpcNo } from './get-vpc-list.ts';
import { NotebookUserConfigurationValue } from './set-user-configuration-list.ts';

export const NotebookStorageType = z
  .enum(['SSD', 'HDD'])
  .meta({ id: 'NotebookStorageType', description: 'Disk type of the extra block storage (default SSD).' });

/** The sizes the page allows are a range plus two fixed sizes, so the range alone cannot say it. */
export const NotebookStorageGb = allowedValues(
  z.int32().min(100).max(6000),
  [[100, 2000], 4000, 6000],
  'storageGB is 100-2000, 4000 or 6000',
).meta({ description: 'Size of the extra block storage in GB: 100-2000, 4000 or 6000.', example: 100 });

export const CreateNotebookRequest = requiredWhen(
  z.object({
    accountId: ResourceId.meta({ description: 'Account id, from accounts getList.' }),
    name: NotebookName,
    typeCode: NotebookTypeCode,
    typeName: NotebookTypeName,
    serverTypeCode: z.string().meta({ description: 'Server type code, from notebooks getServerTypeList.' }),
    vpcNo: VpcNo,
    subnetNo: SubnetNo,
    loginKeyName: z.string().meta({ description: 'Login key of the server, from notebooks getLoginKeyList.', example: 'test-key' }),
    bucketName: z.string().meta({
      description: 'Object Storage bucket the notebook works with; it must not be locked, and cannot be locked once linked.',
      example: 'df-notebook-bucket',
    }),
    addStorage: z.boolean().meta({ description: 'Whether to attach extra block storage; storageGB is then required (default false).' }),
    storageType: NotebookStorageType.optional(),
    storageGB: NotebookStorageGb.optional(),
    userConfigurations: z
      .array(NotebookUserConfigurationValue)
      .min(1)
      .meta({ description: 'Values of the user settings, from notebooks getUserConfigurationSpecList; every mandatory one is needed.' }),
  }),
  'storageGB',
  { field: 'addStorage', equals: true },
  'storageGB is required when addStorage is true',
).meta({ id: 'CreateNotebookRequest', xml: { name: 'CreateNotebookRequest' } });

export const CreateNotebookResponse = idResponse('CreateNotebookResponse', 'Id of the new notebook.');

export const notebooksCreate = defineOperation({
  operationId: 'notebooksCreate',
  method: 'post',
  path: '/api/v2/notebooks/create',
  summary: 'Create a notebook',
  description:
    'Creates a notebook (a Jupyter Lab server) for an account. Every code and number comes from the notebook lookup operations: getTypeList, getServerTypeList, getVpcList, getSubnetList, getLoginKeyList and getUserConfigurationSpecList; check the name with notebooks checkAvailableName.',
  tags: ['Notebooks'],
  docUrl: `${DOCS}/analytics-dataforest-notebooks-create`,
  safety: 'write',
  request: { body: CreateNotebookRequest },
  responses: {
    200: { description: 'The notebook is being created (state ACCEPTED).', body: CreateNotebookResponse },
    ...ncpErrors,
  },
  examples: [
    {
      name: 'default',
      summary: 'A Jupyter Lab notebook with 100 GB of extra SSD storage',
      request: {
        body: {
          accountId: 'ArvQ8mZ2cLp4sWd7Tkfn',
          name: 'df-notebook',
          typeCode: 'SW.DFRNT.OS.LNX64.CNTOS.0708.B050',
          typeName: 'Jupyter Lab',
          serverTypeCode: 'SVR.VSVR.STAND.C004.M016.NET.SSD.B050.G002',
          vpcNo: 8717,
          subnetNo: 17998,
          loginKeyName: 'test-key',
          bucketName: 'df-notebook-bucket',
          addStorage: true,
          storageType: 'SSD',
          storageGB: 100,
          userConfigurations: [{ componentName: 'Jupyter Lab', name: 'Access Password', value: 'Forest01' }],
        },
      },
      response: { status: 200, body: { success: true, id: '7kHeVWhiRsxdRl0nXz04ri' } },
    },
  ],
  docNotes: [
    'Only the parameter table and the first five keys of the JSON request sample survive in any copy: there is no XML, response schema or example, so there is no schema-sample example; the roots CreateNotebookRequest and CreateNotebookResponse follow the naming of the other notebook operations and the response follows theirs ({success, message, id}).',
    'The table types userConfigurations as String, but getDetail returns and setUserConfigurationList sends it as an array of {componentName, name, value}; the schema expects that array.',
    'bucketName is required in the table (as "Yes" where the other rows say "YES") but is missing where it would sort in the alphabetical JSON sample; the schema follows the table.',
    'addStorage is marked required yet documented with a default of false; the schema requires it, as the table says.',
    'The page asks for storageType and storageGB when addStorage is true but also gives storageType a default (SSD); the schema requires only storageGB then, and leaves storageType to its default.',
    'The docs give userConfigurations no minimum; the schema requires at least one value, since getUserConfigurationSpecList marks settings isMandatory and every mandatory one must be given.',
  ],
});
