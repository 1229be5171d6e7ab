// Prints graphql-js's standard introspection query, the one GraphiQL sends.
import { getIntrospectionQuery } from 'graphql';

process.stdout.write(getIntrospectionQuery());
