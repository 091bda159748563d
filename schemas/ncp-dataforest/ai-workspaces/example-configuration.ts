import type { z } from 'zod';
import type { AiAppTypeSpec } from '../common.ts';

/**
 * The AI app spec the AI Workspaces and AI Apps examples share: one workspace trains MNIST on a T4, and
 * aiapps submit runs that workspace. The docs have only placeholder samples for these operations.
 */
export const mnistConfiguration = {
  name: 'mnist',
  queueName: 'gpu',
  userPackageUri: '/user/df001/packages/mnist.tar.gz',
  resource: { cpuCount: 4, gpuCount: 1, gpuModel: 'T4', memoryMb: 15360 },
  docker: {
    image: 'tensorflow/tensorflow:2.4.1-gpu',
    command: 'python train.py',
    args: '--epochs 10',
    env: { TF_CPP_MIN_LOG_LEVEL: '2' },
    exposeTcpPorts: [6006],
    workdir: '/workspace',
  },
  data: {
    input: [{ hdfs: '/user/df001/mnist/train', path: '/data/input' }],
    output: [{ hdfs: '/user/df001/mnist/model', overwrite: true, path: '/data/output' }],
  },
} satisfies z.input<typeof AiAppTypeSpec>;
