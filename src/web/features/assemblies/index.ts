/** The general assemblies' pages in the browser: `/coop/assemblies` (the list, and convening one) and `/coop/assemblies/:id` (an assembly, its proxies and its minutes). */
export { AssembliesPage } from './AssembliesPage.js';
export { AssemblyPage } from './AssemblyPage.js';
