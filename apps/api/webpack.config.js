// Bundles the API (main.js) and its command line (cli.js) into dist/apps/api. ts-loader keeps
// TypeScript's decorator metadata, which Nest's dependency injection needs; node_modules stay
// external and are installed beside the bundle (see Dockerfile).
const path = require('node:path');
const webpack = require('webpack');
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');
const { version } = require('../../package.json');

const root = path.resolve(__dirname, '../..');

module.exports = {
  mode: 'production',
  target: 'node20',
  context: root,
  entry: {
    main: './apps/api/src/main.ts',
    cli: './apps/api/src/cli.ts',
    sandbox: './apps/api/src/sandbox.ts',
  },
  output: { path: path.join(root, 'dist/apps/api'), filename: '[name].js', clean: true },
  devtool: 'source-map',
  externalsPresets: { node: true },
  externals: [nodeExternals({ modulesDir: path.join(root, 'node_modules') })],
  optimization: { minimize: false, nodeEnv: false },
  resolve: {
    extensions: ['.ts', '.js'],
    plugins: [new TsconfigPathsPlugin({ configFile: path.join(root, 'apps/api/tsconfig.app.json') })],
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        exclude: /node_modules/,
        options: { configFile: path.join(root, 'apps/api/tsconfig.app.json'), transpileOnly: true },
      },
    ],
  },
  plugins: [new webpack.DefinePlugin({ __TELEVISIT_VERSION__: JSON.stringify(version) })],
  ignoreWarnings: [
    /Critical dependency/,
    /Can't resolve '(@nestjs\/(microservices|websockets)|class-transformer|class-validator)/,
  ],
};
