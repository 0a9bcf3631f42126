/** Entry for the CDK CLI: `npx aws-cdk@2 deploy --app 'npx tsx deploy/main.ts' -c stage=prod`. */
import { buildApp } from './app.js';

buildApp().synth();
