import { Global, Module } from '@nestjs/common';
import { Vault } from './vault';

/** The credential vault, available to every module that stores a secret. */
@Global()
@Module({ providers: [Vault], exports: [Vault] })
export class VaultModule {}
