// Models: the catalog (resources/models.json) and the download manager.
export { Catalog, CatalogError, CatalogFile, CatalogModel, Checksum, MODEL_REDIRECT_HOST_SUFFIXES, downloadHosts, listedSize, loadCatalog, mirrorUrl, parseCatalog } from './catalog';
export { ModelError, isModelError, type ModelErrorCode } from './errors';
export { ModelManager, type DownloadOptions, type ModelManagerOptions } from './manager';
