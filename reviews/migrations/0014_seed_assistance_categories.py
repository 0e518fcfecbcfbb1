from django.db import migrations

# The taxonomy of technical assistance the secretariat starts from; it edits it afterwards.
CATEGORIES = [
    (
        "legislative-drafting",
        {
            "en": "Legislative drafting",
            "fr": "Rédaction législative",
            "es": "Redacción legislativa",
            "ru": "Разработка законодательства",
            "zh_hans": "立法起草",
            "ar": "الصياغة التشريعية",
            "pt": "Redação legislativa",
        },
    ),
    (
        "institution-building",
        {
            "en": "Institution building",
            "fr": "Renforcement des institutions",
            "es": "Fortalecimiento institucional",
            "ru": "Укрепление институтов",
            "zh_hans": "机构建设",
            "ar": "بناء المؤسسات",
            "pt": "Fortalecimento institucional",
        },
    ),
    (
        "training",
        {
            "en": "Training",
            "fr": "Formation",
            "es": "Capacitación",
            "ru": "Подготовка кадров",
            "zh_hans": "培训",
            "ar": "التدريب",
            "pt": "Formação",
        },
    ),
    (
        "equipment",
        {
            "en": "Equipment",
            "fr": "Équipement",
            "es": "Equipo",
            "ru": "Оборудование",
            "zh_hans": "设备",
            "ar": "المعدات",
            "pt": "Equipamento",
        },
    ),
    (
        "international-cooperation",
        {
            "en": "International cooperation",
            "fr": "Coopération internationale",
            "es": "Cooperación internacional",
            "ru": "Международное сотрудничество",
            "zh_hans": "国际合作",
            "ar": "التعاون الدولي",
            "pt": "Cooperação internacional",
        },
    ),
    (
        "data-and-research",
        {
            "en": "Data and research",
            "fr": "Données et recherche",
            "es": "Datos e investigación",
            "ru": "Данные и исследования",
            "zh_hans": "数据和研究",
            "ar": "البيانات والبحوث",
            "pt": "Dados e investigação",
        },
    ),
    (
        "other",
        {
            "en": "Other",
            "fr": "Autre",
            "es": "Otra",
            "ru": "Другое",
            "zh_hans": "其他",
            "ar": "أخرى",
            "pt": "Outra",
        },
    ),
]


def seed(apps, schema_editor):
    category = apps.get_model("reviews", "AssistanceCategory")
    for position, (code, names) in enumerate(CATEGORIES, start=1):
        columns = {f"name_{language}": name for language, name in names.items()}
        category.objects.update_or_create(
            code=code, defaults={"name": names["en"], "position": position, **columns}
        )


def unseed(apps, schema_editor):
    category = apps.get_model("reviews", "AssistanceCategory")
    category.objects.filter(code__in=[code for code, _names in CATEGORIES], needs__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("reviews", "0013_assistance_needs")]

    operations = [migrations.RunPython(seed, unseed)]
