import { huaweiDcs } from './huawei-dcs/index.ts';
import { huaweiDds } from './huawei-dds/index.ts';
import { ncpDataforest } from './ncp-dataforest/index.ts';

/** The one list every generator, codec, mock and runner iterates. */
export const services = [ncpDataforest, huaweiDcs, huaweiDds];
