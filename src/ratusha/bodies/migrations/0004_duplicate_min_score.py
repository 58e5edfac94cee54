import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bodies', '0003_auto_route_policy'),
    ]

    operations = [
        migrations.AddField(
            model_name='body',
            name='duplicate_min_score',
            field=models.FloatField(default=0.5, help_text='From 0.3 to 0.9: higher means fewer links and fewer wrong ones.', validators=[django.core.validators.MinValueValidator(0.3), django.core.validators.MaxValueValidator(0.9)], verbose_name='score that links two appeals as likely duplicates'),
        ),
        migrations.AddConstraint(
            model_name='body',
            constraint=models.CheckConstraint(condition=models.Q(('duplicate_min_score__gte', 0.3), ('duplicate_min_score__lte', 0.9)), name='body_duplicate_min_score_range'),
        ),
    ]
