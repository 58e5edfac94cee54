from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0004_duplicate_min_score'),
    ]

    operations = [
        migrations.AddField(
            model_name='category',
            name='auto_route',
            field=models.BooleanField(default=True, help_text='When off, triage only suggests a department for appeals of this category and a clerk decides, however sure the AI is.', verbose_name='routed automatically'),
        ),
    ]
