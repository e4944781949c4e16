"""La carte d'un périmètre de secteur, dessinée du GeoJSON sans aucun accès au réseau.

Le contour (Polygon ou MultiPolygon, en longitude/latitude WGS 84, dans un Feature, une
FeatureCollection ou seul) est projeté sur un plan local (équirectangulaire au centre du
périmètre : à l'échelle d'un quartier, l'écart est négligeable), puis dessiné en SVG (HTML) ou
en PNG (DOCX), avec une barre d'échelle et une flèche du nord. Les points du GeoJSON (Point,
propriété « nom » ou « adresse ») sont marqués et numérotés. La carte est décrite en texte
(étendue, superficie, points) : un lecteur d'écran la lit sans la voir.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path

from acvkit.errors import BuildError
from acvkit.models.avenant import Secteur

EARTH_RADIUS_M = 6_371_008.8
WIDTH, HEIGHT, MARGIN = 640, 420, 36
BLUE = "#1f3864"
FILL = "#c9d6ea"

RingM = list[tuple[float, float]]


@dataclass(frozen=True)
class Carte:
    """Une carte prête à dessiner : rings et points projetés (mètres, y vers le nord)."""

    titre: str
    description: str
    rings: list[RingM]
    points: list[tuple[str, float, float]]
    scale_m: int  # longueur de la barre d'échelle

    @property
    def svg(self) -> str:
        return carte_svg(self)


def _geometry_rings(
    geometry: object, path: str
) -> tuple[list[list[list[float]]], list[tuple[str, list[float]]]]:
    """(rings extérieurs et intérieurs, points nommés) d'un objet GeoJSON."""
    if not isinstance(geometry, dict):
        raise BuildError(f"{path} : GeoJSON illisible (un objet JSON est attendu)")
    kind = geometry.get("type")
    if kind == "FeatureCollection":
        rings: list[list[list[float]]] = []
        points: list[tuple[str, list[float]]] = []
        for feature in geometry.get("features") or []:
            r, p = _geometry_rings(feature, path)
            rings += r
            points += p
        return rings, points
    if kind == "Feature":
        props = geometry.get("properties") or {}
        inner = geometry.get("geometry")
        if isinstance(inner, dict) and inner.get("type") == "Point":
            nom = str(props.get("nom") or props.get("adresse") or "point")
            return [], [(nom, inner.get("coordinates"))]  # type: ignore[list-item]
        return _geometry_rings(inner, path)
    if kind == "Polygon":
        return list(geometry.get("coordinates") or []), []
    if kind == "MultiPolygon":
        return [ring for polygon in geometry.get("coordinates") or [] for ring in polygon], []
    if kind == "Point":
        return [], [("point", geometry.get("coordinates"))]  # type: ignore[list-item]
    raise BuildError(
        f"{path} : géométrie GeoJSON « {kind} » non prise en charge (Polygon, MultiPolygon, Point)"
    )


def _position(value: object, path: str) -> tuple[float, float]:
    if (
        not isinstance(value, list)
        or len(value) < 2
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in value[:2])
    ):
        raise BuildError(f"{path} : coordonnée GeoJSON illisible ({value!r:.60})")
    longitude, latitude = float(value[0]), float(value[1])
    if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
        raise BuildError(
            f"{path} : coordonnée hors de la Terre (longitude {longitude}, latitude {latitude})"
        )
    return longitude, latitude


def _round_length(length: float) -> int:
    """La plus grande longueur « ronde » (1, 2, 5 × 10ⁿ mètres) qui ne dépasse pas `length`."""
    power = 10 ** math.floor(math.log10(max(length, 1.0)))
    for factor in (5, 2, 1):
        if factor * power <= length:
            return int(factor * power)
    return int(power)


def _area(ring: RingM) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
            )
        )
        / 2
    )


def _distance(metres: float) -> str:
    if metres >= 1000:
        return f"{metres / 1000:.1f} km".replace(".", ",").replace(",0 km", " km")
    return f"{round(metres)} m"


def read_carte(path: Path, display: str, titre: str) -> Carte:
    """La carte du GeoJSON `path` ; BuildError (chemin affiché `display`) s'il est illisible."""
    try:
        geometry = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BuildError(f"{display} : périmètre illisible ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BuildError(f"{display} : GeoJSON illisible ({exc})") from None
    raw_rings, named_points = _geometry_rings(geometry, display)
    degree_rings = [[_position(c, display) for c in ring] for ring in raw_rings]
    raw_points = [(nom, *_position(c, display)) for nom, c in named_points]
    every = [p for ring in degree_rings for p in ring] + [
        (longitude, latitude) for _, longitude, latitude in raw_points
    ]
    if not degree_rings or not every:
        raise BuildError(f"{display} : le GeoJSON n'a aucun contour (Polygon ou MultiPolygon)")
    center_longitude = (min(p[0] for p in every) + max(p[0] for p in every)) / 2
    center_latitude = (min(p[1] for p in every) + max(p[1] for p in every)) / 2
    metres_x = math.radians(1) * EARTH_RADIUS_M * math.cos(math.radians(center_latitude))
    metres_y = math.radians(1) * EARTH_RADIUS_M

    def project(longitude: float, latitude: float) -> tuple[float, float]:
        return ((longitude - center_longitude) * metres_x, (latitude - center_latitude) * metres_y)

    rings = [[project(*p) for p in ring] for ring in degree_rings]
    points = [(nom, *project(longitude, latitude)) for nom, longitude, latitude in raw_points]
    xs = [x for ring in rings for x, _ in ring] + [x for _, x, _ in points]
    ys = [y for ring in rings for _, y in ring] + [y for _, _, y in points]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    # Anneaux extérieurs moins intérieurs : le signe de l'aire (sens de parcours) les distingue.
    area = sum(_area(r) for r in rings if _signed(r) >= 0) - sum(
        _area(r) for r in rings if _signed(r) < 0
    )
    area = abs(area) if area else sum(_area(r) for r in rings)
    description = (
        f"Carte du périmètre « {titre} » : {len(rings)} contour(s), environ "
        f"{_distance(width)} d'ouest en est et {_distance(height)} du sud au nord, "
        f"superficie d'environ {area / 10_000:.1f} ha".replace(".", ",")
    )
    if points:
        description += " ; points marqués : " + ", ".join(
            f"point {i}, {nom}" for i, (nom, _, _) in enumerate(points, start=1)
        )
    description += ". Le nord est en haut ; une barre d'échelle donne les distances."
    return Carte(titre, description, rings, points, _round_length(max(width, height, 1.0) / 4))


def _signed(ring: RingM) -> float:
    return sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def carte_secteur(root: Path, secteur: Secteur) -> Carte | None:
    """La carte du périmètre d'un secteur, s'il en a un ; le chemin reste dans le dossier."""
    if not secteur.perimetre:
        return None
    path = (root / secteur.perimetre).resolve()
    display = (Path(root.as_posix()) / secteur.perimetre).as_posix()
    if not path.is_relative_to(root.resolve()):
        raise BuildError(f"{display} : le périmètre doit être un fichier du dossier de données")
    return read_carte(path, display, f"{secteur.nom}")


def _frame(carte: Carte) -> tuple[float, float, float, float]:
    """(échelle px/m, décalage x, décalage y, height) pour tenir la carte dans le cadre."""
    xs = [x for ring in carte.rings for x, _ in ring] + [x for _, x, _ in carte.points]
    ys = [y for ring in carte.rings for _, y in ring] + [y for _, _, y in carte.points]
    span_x, span_y = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN - 30) / span_y)
    offset_x = (WIDTH - span_x * scale) / 2 - min(xs) * scale
    offset_y = MARGIN + (HEIGHT - 2 * MARGIN - 30 - span_y * scale) / 2 + max(ys) * scale
    return scale, offset_x, offset_y, HEIGHT


def carte_svg(carte: Carte, ident: str = "carte") -> str:
    """La carte en SVG autonome : titre et description (role img), contour, points, échelle, nord."""
    scale, offset_x, offset_y, _ = _frame(carte)

    def to_frame(x: float, y: float) -> str:
        return f"{offset_x + x * scale:.1f},{offset_y - y * scale:.1f}"

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{ident}-titre {ident}-desc" '
        'font-family="Calibri, Carlito, Arial, sans-serif">',
        f'<title id="{ident}-titre">{escape(carte.titre)}</title>',
        f'<desc id="{ident}-desc">{escape(carte.description)}</desc>',
        f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{HEIGHT - 1}" fill="#fff" stroke="#8c8c8c"/>',
    ]
    path = " ".join("M" + " L".join(to_frame(x, y) for x, y in ring) + " Z" for ring in carte.rings)
    parts.append(
        f'<path d="{path}" fill="{FILL}" stroke="{BLUE}" stroke-width="2" fill-rule="evenodd"/>'
    )
    for i, (_, x, y) in enumerate(carte.points, start=1):
        center_x, center_y = to_frame(x, y).split(",")
        parts.append(f'<circle cx="{center_x}" cy="{center_y}" r="7" fill="{BLUE}"/>')
        parts.append(
            f'<text x="{center_x}" y="{float(center_y) + 4:.1f}" font-size="10" fill="#fff" '
            f'text-anchor="middle">{i}</text>'
        )
    # Barre d'échelle, en bas à gauche.
    bar = carte.scale_m * scale
    y0 = HEIGHT - 22
    parts.append(
        f'<path d="M20,{y0} h{bar:.1f} M20,{y0 - 5} v10 M{20 + bar:.1f},{y0 - 5} v10" '
        f'stroke="#1a1a1a" stroke-width="2" fill="none"/>'
    )
    parts.append(
        f'<text x="{20 + bar / 2:.1f}" y="{y0 - 8}" font-size="13" text-anchor="middle" '
        f'fill="#1a1a1a">{escape(_distance(carte.scale_m))}</text>'
    )
    # Flèche du nord, en haut à droite.
    north_x = WIDTH - 34
    parts.append(f'<path d="M{north_x},16 l10,28 l-10,-7 l-10,7 Z" fill="#1a1a1a"/>')
    parts.append(
        f'<text x="{north_x}" y="60" font-size="14" font-weight="bold" text-anchor="middle" '
        'fill="#1a1a1a">N</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def carte_png(carte: Carte) -> bytes:
    """La même carte en PNG pour le DOCX : le SVG de l'annexe HTML, rendu par le moteur unique des
    graphiques (charts/png.py, resvg), dans la police des documents."""
    from acvkit.charts.png import svg_png

    return svg_png(carte_svg(carte))
