"""The DCAT-AP 3 catalogue of the open data, for harvesters (CKAN, data.europa.eu).

:func:`catalogue` builds one graph from the dataset manifests and the current dumps;
the views serialise it as JSON-LD and Turtle (see :mod:`ratusha.opendata.rdf`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse

from ratusha.ledger.models.log import INSTALLATION
from ratusha.opendata import access
from ratusha.opendata.datasets import DATASETS, MEDIA_TYPES, Dataset
from ratusha.opendata.models import Dump
from ratusha.opendata.rdf import IRI, Literal, Resource
from ratusha.opendata.sources import coverage, is_available
from ratusha.opendata.timestamps import utc_text

EU = "http://publications.europa.eu/resource/authority/"
LANGUAGES = {"be": "BEL", "ru": "RUS", "en": "ENG"}
EU_FILE_TYPES = {"csv": "CSV", "parquet": "PARQUET"}
CATALOGUE_TEXTS = {
    "title": {
        "be": "Адкрытыя даныя аб зваротах",
        "ru": "Открытые данные об обращениях",
        "en": "Open data on citizens' appeals",
    },
    "description": {
        "be": "Зваротны, адказы, статыстыка, рашэнні і кантрольныя кропкі рэестра, без "
        "асабістых даных.",
        "ru": "Обращения, ответы, статистика, решения и контрольные точки реестра, без "
        "персональных данных.",
        "en": "Appeals, answers, statistics, decisions and ledger checkpoints, with personal "
        "data removed.",
    },
}


def license_url() -> str:
    """Give the license of the open data (``RATUSHA_OPENDATA_LICENSE``, CC BY 4.0 by default)."""
    return str(settings.RATUSHA_OPENDATA_LICENSE)


def inclusion_url(dump: Dump) -> str | None:
    """Give the path of the ledger's inclusion proof for a dump's entry (None until entered)."""
    if not dump.leaf_hash:
        return None
    path = reverse("ledger:inclusion", args=[INSTALLATION])
    return f"{path}?leaf_hash={bytes(dump.leaf_hash).hex()}"


def download_path(dump: Dump) -> str:
    return reverse("opendata:download", args=[dump.dataset, dump.body_code or "all", dump.format])


@dataclass(frozen=True)
class Site:
    """Where the catalogue lives: the absolute address of the site's root, with a slash."""

    root: str

    def url(self, path: str) -> str:
        return self.root.rstrip("/") + path


def _texts(resource: Resource, predicate: str, texts: dict[str, str]) -> None:
    for language, text in texts.items():
        resource.add(predicate, Literal(text, language=language))


def _day(value: date) -> Literal:
    return Literal(value.isoformat(), datatype="xsd:date")


def distribution(site: Site, dataset: Dataset, dump: Dump) -> Resource:
    """Give the DCAT distribution of one dump, with its size and SHA-256 checksum."""
    url = site.url(download_path(dump))
    checksum = Resource(None, ["spdx:Checksum"]).add(
        "spdx:algorithm", IRI("http://spdx.org/rdf/terms#checksumAlgorithm_sha256")
    )
    checksum.add("spdx:checksumValue", Literal(dump.sha256, datatype="xsd:hexBinary"))
    found = Resource(url, ["dcat:Distribution"])
    found.add("dct:title", Literal(dump.download_name))
    found.add("dcat:accessURL", IRI(url)).add("dcat:downloadURL", IRI(url))
    found.add(
        "dcat:mediaType",
        IRI("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[dump.format]),
    )
    if dump.format in EU_FILE_TYPES:
        found.add("dct:format", IRI(EU + "file-type/" + EU_FILE_TYPES[dump.format]))
    found.add("dcat:byteSize", Literal(str(dump.size), datatype="xsd:nonNegativeInteger"))
    found.add("spdx:checksum", checksum)
    found.add("dct:license", IRI(license_url()))
    found.add("dct:modified", Literal(utc_text(dump.generated_at) or "", datatype="xsd:dateTime"))
    found.add("dct:conformsTo", IRI(site.url(reverse("opendata:schema", args=[dataset.name]))))
    proof = inclusion_url(dump)
    if proof:
        found.add("rdfs:seeAlso", IRI(site.url(proof)))
    return found


def dataset_resource(
    site: Site, dataset: Dataset, dumps: list[Dump], publisher: Resource, api: Resource
) -> Resource:
    """Give the DCAT dataset with its coverage, frequency, schema and distributions."""
    found = Resource(site.url(reverse("opendata:dataset", args=[dataset.name])), ["dcat:Dataset"])
    found.add("dct:identifier", Literal(dataset.name))
    _texts(found, "dct:title", dataset.title)
    _texts(found, "dct:description", dataset.description)
    found.add("dcat:keyword", *(Literal(word, language="en") for word in dataset.keywords))
    found.add("dct:publisher", publisher)
    found.add("dcat:theme", IRI(EU + "data-theme/GOVE"))
    found.add("dct:accrualPeriodicity", IRI(EU + "frequency/" + dataset.periodicity))
    found.add("dct:license", IRI(license_url()))
    found.add("dcat:landingPage", IRI(site.url(reverse("opendata:index")) + "#" + dataset.name))
    schema = site.url(reverse("opendata:schema", args=[dataset.name]))
    found.add(
        "dct:conformsTo",
        Resource(schema, ["dct:Standard"]).add("dct:title", Literal("Table Schema")),
    )
    for language in LANGUAGES.values():
        found.add("dct:language", IRI(EU + "language/" + language))
    span = coverage(dataset.name)
    if span is not None:
        period = Resource(None, ["dct:PeriodOfTime"])
        period.add("dcat:startDate", _day(span[0])).add("dcat:endDate", _day(span[1]))
        found.add("dct:temporal", period)
    if not is_available(dataset.name):
        found.add("adms:status", IRI("http://purl.org/adms/status/UnderDevelopment"))
        return found
    for dump in dumps:
        found.add("dcat:distribution", distribution(site, dataset, dump))
    through_api = Resource(
        site.url(f"/api/v1/opendata/{dataset.name}") + "#api", ["dcat:Distribution"]
    )
    through_api.add("dct:title", Literal("JSON API"))
    through_api.add("dcat:accessURL", IRI(site.url(f"/api/v1/opendata/{dataset.name}")))
    through_api.add("dcat:accessService", api).add("dct:license", IRI(license_url()))
    found.add("dcat:distribution", through_api)
    return found


def catalogue(site: Site) -> Resource:
    """Give the whole catalogue: the publisher, the API service and every dataset."""
    name = str(settings.RATUSHA_SITE_NAME)
    publisher = Resource(site.url("/"), ["foaf:Agent"]).add("foaf:name", Literal(name))
    api = Resource(site.url("/api/v1/opendata/"), ["dcat:DataService"])
    api.add("dct:title", Literal("Ratusha open-data API", language="en"))
    api.add("dcat:endpointURL", IRI(site.url("/api/v1/")))
    api.add("dcat:endpointDescription", IRI(site.url("/api/v1/openapi.json")))
    api.add("dct:license", IRI(license_url()))
    root = Resource(
        site.url(reverse("opendata:catalog-jsonld")).removesuffix(".jsonld"), ["dcat:Catalog"]
    )
    _texts(root, "dct:title", CATALOGUE_TEXTS["title"])
    _texts(root, "dct:description", CATALOGUE_TEXTS["description"])
    root.add("dct:publisher", publisher)
    root.add("foaf:homepage", IRI(site.url(reverse("opendata:index"))))
    root.add("dct:license", IRI(license_url()))
    for language in LANGUAGES.values():
        root.add("dct:language", IRI(EU + "language/" + language))
    grouped = access.dumps_by_dataset()
    datasets = [
        dataset_resource(site, dataset, grouped.get(dataset.name, []), publisher, api)
        for dataset in DATASETS.values()
    ]
    root.add("dcat:dataset", *datasets)
    for dataset in datasets:
        api.add("dcat:servesDataset", IRI(dataset.iri or ""))
    root.add("dcat:service", api)
    generated = [dump.generated_at for dumps in grouped.values() for dump in dumps]
    if generated:
        root.add("dct:modified", Literal(utc_text(max(generated)) or "", datatype="xsd:dateTime"))
    return root
