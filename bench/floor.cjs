'use strict';
// The benchmark's floor: an empty cdktf app with both providers imported by deep path, run under
// plain node and synthesized into CDKTF_OUTDIR. What any cdktf app using these providers pays.
const { App, TerraformStack } = require('cdktf');
const { AwsProvider } = require('@cdktf/provider-aws/lib/provider');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');

const app = new App({ outdir: process.env.CDKTF_OUTDIR });
new AwsProvider(new TerraformStack(app, 'aws'), 'aws', { region: 'us-east-1' });
new GoogleProvider(new TerraformStack(app, 'gcp'), 'google', { project: 'floor-project', region: 'europe-west1' });
app.synth();
