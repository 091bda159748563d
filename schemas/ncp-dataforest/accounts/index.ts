import { accountsCheckAvailableName } from './check-available-name.ts';
import { accountsCheckHasResource } from './check-has-resource.ts';
import { accountsCreate } from './create.ts';
import { accountsDelete } from './delete.ts';
import { accountsGetDetail } from './get-detail.ts';
import { accountsGetKerberosKeytab } from './get-kerberos-keytab.ts';
import { accountsGetList } from './get-list.ts';
import { accountsResetKerberosKeytab } from './reset-kerberos-keytab.ts';
import { accountsResetPassword } from './reset-password.ts';
import { accountsSetQuota } from './set-quota.ts';

/** In the order of the Data Forest overview. */
export const accounts = [
  accountsCheckAvailableName,
  accountsCheckHasResource,
  accountsCreate,
  accountsGetList,
  accountsGetDetail,
  accountsGetKerberosKeytab,
  accountsResetKerberosKeytab,
  accountsResetPassword,
  accountsSetQuota,
  accountsDelete,
];
